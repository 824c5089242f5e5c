package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.service.CarrierService;
import io.waihu.billing.service.CarrierService.CarrierDraft;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/carriers")
@Tag(name = "carriers", description = "Carriers the tenant buys minutes from")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CarrierResource {

    private final CarrierService carriers;
    private final TenantContext tenant;

    public CarrierResource(CarrierService carriers, TenantContext tenant) {
        this.carriers = carriers;
        this.tenant = tenant;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Create a carrier")
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = CarrierView.class)))
    @APIResponse(responseCode = "400", description = "invalid field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the code is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid CarrierRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        return carriers.create(tenant.tenantId(), draft(request))
                .map(c -> Response.created(uri.getAbsolutePathBuilder().path(c.id().toString()).build())
                        .entity(CarrierView.of(c)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List carriers, a page at a time, ordered by name")
    public Uni<Page<CarrierView>> list(@BeanParam @Valid PageParams page,
                                       @QueryParam("active") Boolean active) {
        return carriers.list(tenant.tenantId(), active, page).map(p -> p.map(CarrierView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get one carrier")
    @APIResponse(responseCode = "404", description = "no such carrier in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CarrierView> get(@PathParam("id") UUID id) {
        return carriers.get(tenant.tenantId(), id).map(CarrierView::of);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Replace a carrier's settings")
    @APIResponse(responseCode = "404", description = "no such carrier in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the code is taken, or the carrier changed meanwhile", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CarrierView> update(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid CarrierRequest request) {
        return carriers.update(tenant.tenantId(), id, draft(request)).map(CarrierView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a carrier")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such carrier in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return carriers.delete(tenant.tenantId(), id).map(ignored -> Response.noContent().build());
    }

    private static CarrierDraft draft(CarrierRequest r) {
        return new CarrierDraft(r.code(), r.name(), r.kind(), r.country(), r.weight() == null ? 0 : r.weight(),
                r.active() == null || r.active());
    }
}
