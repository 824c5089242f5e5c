package io.waihu.campaign.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.RulePack;
import io.waihu.campaign.service.RulePackService;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.util.List;

@Path("/api/v1/rule-packs")
@Tag(name = "rule-packs", description = "Calling rules per jurisdiction, as versioned data")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RulePackResource {

    private final RulePackService packs;
    private final TenantContext tenant;

    public RulePackResource(RulePackService packs, TenantContext tenant) {
        this.packs = packs;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Every rule pack version the tenant can use: built-in (US, UK, CN) and its own")
    public Uni<List<RulePack>> list() {
        return packs.list(tenant.tenantId());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "One rule pack: the latest version, or ?version=n")
    @APIResponse(responseCode = "404", description = "no such pack or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RulePack> get(@PathParam("id") String id, @QueryParam("version") Integer version) {
        return packs.get(tenant.tenantId(), id, version);
    }

    @POST
    @RolesAllowed({Roles.ADMIN})
    @Operation(summary = "Write the next version of one of the tenant's own packs (built-in ids are reserved)")
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = RulePack.class)))
    @APIResponse(responseCode = "400", description = "invalid field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the id is a built-in pack", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid RulePackRequest request, @Context UriInfo uri) {
        return packs.createVersion(tenant.tenantId(), request).map(p -> Response.created(uri.getAbsolutePathBuilder().path(p.id())
                .queryParam("version", p.version()).build()).entity(p).build());
    }
}
