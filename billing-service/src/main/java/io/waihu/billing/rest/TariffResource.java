package io.waihu.billing.rest;

import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.waihu.billing.service.TariffService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/tariffs")
@Tag(name = "tariffs", description = "Carriers' tariffs and their effective-dated, immutable versions")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class TariffResource {

    private static final String CSV = "text/csv";
    private static final String RETROACTIVE = "admin only: a correction whose effectiveFrom may lie in the past; calls already "
            + "rated keep their cost until a rerating run (POST /api/v1/rerating-runs)";

    private final TariffService tariffs;
    private final TenantContext tenant;
    private final Clock clock = Clock.systemUTC();

    public TariffResource(TariffService tariffs, TenantContext tenant) {
        this.tariffs = tariffs;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Create a carrier's tariff (one per carrier): currency, zone, number region and bands")
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = TariffView.class)))
    @APIResponse(responseCode = "400", description = "invalid field, or bands with gaps or overlaps", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the carrier already has a tariff", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid TariffRequest request, @Context UriInfo uri) {
        return tariffs.create(tenant.tenantId(), new TariffService.TariffDraft(request.carrierId(), request.name(), request.currency(),
                        request.zone(), request.defaultRegion(), request.toBands(), request.holidayList()))
                .map(t -> Response.created(uri.getAbsolutePathBuilder().path(t.id().toString()).build()).entity(TariffView.of(t)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List tariffs")
    public Uni<Page<TariffView>> list(@BeanParam @Valid PageParams page, @QueryParam("carrierId") UUID carrierId) {
        return tariffs.list(tenant.tenantId(), carrierId, page).map(p -> p.map(TariffView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get a tariff")
    public Uni<TariffView> get(@PathParam("id") UUID id) {
        return tariffs.get(tenant.tenantId(), id).map(TariffView::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Rename a tariff or change the calendar the next version will copy")
    public Uni<TariffView> update(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid TariffUpdateRequest request) {
        return tariffs.update(tenant.tenantId(), id, request.name(),
                request.bands().stream().map(TariffRequest.BandRequest::toBand).toList(),
                request.holidays() == null ? List.of() : request.holidays()).map(TariffView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a tariff that never priced a call")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "409", description = "a version is in force", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return tariffs.delete(tenant.tenantId(), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Upload a deck as JSON: the next version, all or nothing")
    @APIResponse(responseCode = "201", description = "stored", content = @Content(schema = @Schema(implementation = TariffVersionView.class)))
    @APIResponse(responseCode = "422", description = "the deck has faults; each with line, column and reason; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = DeckProblemMapper.DeckProblem.class)))
    @APIResponse(responseCode = "409", description = "a version already takes effect at that instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> uploadJson(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid DeckUploadRequest request,
                                    @Parameter(description = RETROACTIVE) @QueryParam("retroactive") boolean retroactive,
                                    @Context SecurityContext security, @Context UriInfo uri) {
        return created(uri, id, tariffs.uploadVersion(tenant.tenantId(), id, request.effectiveFrom(), request.rows(),
                retroactive(retroactive, security)));
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(CSV)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Upload a deck as CSV (columns: see docs/tariffs.md): the next version, all or nothing")
    @APIResponse(responseCode = "201", description = "stored", content = @Content(schema = @Schema(implementation = TariffVersionView.class)))
    @APIResponse(responseCode = "422", description = "the deck has faults; each with line, column and reason; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = DeckProblemMapper.DeckProblem.class)))
    @APIResponse(responseCode = "409", description = "a version already takes effect at that instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> uploadCsv(@PathParam("id") UUID id,
                                   @Parameter(description = "ISO-8601 instant; now when absent") @QueryParam("effectiveFrom") Instant effectiveFrom,
                                   @Parameter(description = RETROACTIVE) @QueryParam("retroactive") boolean retroactive,
                                   @Context SecurityContext security, String body, @Context UriInfo uri) {
        return created(uri, id, tariffs.uploadCsvVersion(tenant.tenantId(), id, effectiveFrom, retroactive(retroactive, security), body));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List a tariff's versions, oldest first")
    public Uni<Page<TariffVersionView>> versions(@PathParam("id") UUID id, @BeanParam @Valid PageParams page) {
        Instant now = clock.instant();
        return tariffs.versions(tenant.tenantId(), id).map(all -> {
            List<TariffVersionView> views = all.stream().skip(page.offset()).limit(page.size)
                    .map(v -> TariffVersionView.of(v, now, all)).toList();
            return Page.of(views, page, all.size());
        });
    }

    @GET
    @Path("/{id}/versions/{version}/deck")
    @Produces(CSV)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Download a version's deck as CSV")
    public Uni<String> deck(@PathParam("id") UUID id, @PathParam("version") int version) {
        return tariffs.deck(tenant.tenantId(), id, version);
    }

    @DELETE
    @Path("/{id}/versions/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Withdraw a version that is not in force yet")
    @APIResponse(responseCode = "204", description = "withdrawn")
    @APIResponse(responseCode = "409", description = "the version is in force and therefore immutable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> withdraw(@PathParam("id") UUID id, @PathParam("version") int version) {
        return tariffs.deletePendingVersion(tenant.tenantId(), id, version).map(ignored -> Response.noContent().build());
    }

    /** A correction rewrites what calls should have cost, so it is an admin's call, not an integration's. */
    private static boolean retroactive(boolean requested, SecurityContext security) {
        if (requested && !security.isUserInRole(Roles.ADMIN)) {
            throw new ForbiddenException("only an admin may upload a retroactive version");
        }
        return requested;
    }

    private Uni<Response> created(UriInfo uri, UUID id, Uni<io.waihu.billing.domain.TariffVersionInfo> stored) {
        return stored.chain(v -> tariffs.versions(tenant.tenantId(), id).map(all -> Response.created(
                        uri.getAbsolutePathBuilder().path(String.valueOf(v.version())).build())
                .entity(TariffVersionView.of(v, clock.instant(), all)).build()));
    }
}
