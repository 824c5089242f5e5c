package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.ReratingRun;
import io.waihu.billing.service.ReratingService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/rerating-runs")
@Tag(name = "rerating", description = "Price stored calls again with the tariffs as they are now, and announce the changes")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ReratingResource {

    private final ReratingService rerating;
    private final TenantContext tenant;

    public ReratingResource(ReratingService rerating, TenantContext tenant) {
        this.rerating = rerating;
        this.tenant = tenant;
    }

    @Schema(name = "ReratingRunRequest", description = "Calls that ended in [from, to), at most 31 days, of one carrier or all")
    public record RunRequest(@Schema(required = true) Instant from, @Schema(required = true) Instant to, UUID carrierId,
                             @Schema(required = true, description = "why; carried by every CallRerated event") String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Re-rate the calls of a window with the current tariffs; synchronous; answers the run's summary")
    @APIResponse(responseCode = "201", description = "run finished", content = @Content(schema = @Schema(implementation = ReratingRun.class)))
    @APIResponse(responseCode = "400", description = "a field is missing or wrong, or the window exceeds 31 days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start(@NotNull(message = "a JSON body is required") RunRequest request, @Context UriInfo uri) {
        return rerating.run(tenant.tenantId(), tenant.subject(),
                        new ReratingService.RunRequest(request.from(), request.to(), request.carrierId(), request.reason()))
                .map(run -> Response.created(uri.getAbsolutePathBuilder().path(run.id().toString()).build()).entity(run).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List rerating runs, newest first")
    public Uni<Page<ReratingRun>> list(@BeanParam @Valid PageParams page) {
        return rerating.list(tenant.tenantId(), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get one rerating run's summary")
    public Uni<ReratingRun> get(@PathParam("id") UUID id) {
        return rerating.get(tenant.tenantId(), id);
    }
}
