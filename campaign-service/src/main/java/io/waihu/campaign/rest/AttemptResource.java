package io.waihu.campaign.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.Attempt;
import io.waihu.campaign.service.OutcomeService;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/attempts")
@Tag(name = "attempts", description = "Business outcomes of call attempts")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AttemptResource {

    /**
     * @param disposition a code from the campaign's disposition set
     * @param callbackAt  for a callback disposition: when to ring again (default: after the NO_ANSWER retry delay)
     */
    public record OutcomeRequest(@NotBlank @Size(max = 40) String disposition, @Size(max = 2000) String note, Instant callbackAt) {
    }

    private final OutcomeService outcomes;
    private final TenantContext tenant;

    public AttemptResource(OutcomeService outcomes, TenantContext tenant) {
        this.outcomes = outcomes;
        this.tenant = tenant;
    }

    @POST
    @Path("/{attemptId}/outcome")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.INTEGRATOR})
    @Operation(summary = "Record the business outcome of an attempt (OutcomeRecorded; an opt-out adds a do-not-call entry)")
    @APIResponse(responseCode = "400", description = "unknown disposition code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such attempt", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "outcome already recorded, or the attempt was never dialled", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Attempt> outcome(@PathParam("attemptId") UUID attemptId, @NotNull(message = "a JSON body is required") @Valid OutcomeRequest body) {
        return outcomes.record(tenant.tenantId(), attemptId, body.disposition(), body.note(), body.callbackAt(), subjectOr(tenant));
    }

    private static String subjectOr(TenantContext tenant) {
        String s = tenant.subject();
        return s == null || s.isBlank() ? "api" : s.replaceAll("[^A-Za-z0-9_.:@-]", "_");
    }
}
