package io.waihu.campaign.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactList;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.domain.ImportFormat;
import io.waihu.campaign.domain.ImportJob;
import io.waihu.campaign.domain.PhoneNumbers;
import io.waihu.campaign.service.ContactService;
import io.waihu.campaign.service.ImportService;
import io.waihu.campaign.service.SuppressionService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.time.Instant;

@Path("/api/v1/contact-lists")
@Tag(name = "contact lists", description = "Named sets of contacts, their contacts and their uploads")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ContactListResource {

    public static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    public record ContactListRequest(
            @Schema(description = "the list's id; a new UUID when absent", examples = "spring-renewals")
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", message = "must be 1 to 64 letters, digits, '_', '.' or '-'") String id,
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
            @Schema(description = "ISO 3166 alpha-2 region that national numbers in uploads are read in", examples = "CN")
            @NotBlank(message = "is required") String defaultRegion) {
    }

    private final ContactService contacts;
    private final ImportService imports;
    private final TenantContext tenant;

    public ContactListResource(ContactService contacts, ImportService imports, TenantContext tenant) {
        this.contacts = contacts;
        this.imports = imports;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Create a contact list")
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = ContactList.class)))
    @APIResponse(responseCode = "400", description = "missing name or unknown region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a list with this id exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid ContactListRequest request, @Context UriInfo uri) {
        if (!PhoneNumbers.isRegion(request.defaultRegion().trim())) {
            throw SuppressionService.invalid("defaultRegion", "'" + request.defaultRegion() + "' is not an ISO 3166 alpha-2 region libphonenumber knows, e.g. CN");
        }
        return contacts.createList(tenant.tenantId(), request.id(), request.name().trim(), request.defaultRegion().trim())
                .map(list -> Response.created(uri.getAbsolutePathBuilder().path(list.id()).build()).entity(list).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List contact lists, oldest first")
    public Uni<Page<ContactList>> list(@BeanParam @Valid PageParams page) {
        return contacts.lists(tenant.tenantId(), page);
    }

    @GET
    @Path("/{listId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get a contact list")
    @APIResponse(responseCode = "404", description = "no such list", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ContactList> get(@PathParam("listId") String listId) {
        return contacts.getList(tenant.tenantId(), listId);
    }

    @GET
    @Path("/{listId}/contacts")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "The list's contacts, ordered by external id, optionally only those with a status")
    @APIResponse(responseCode = "404", description = "no such list", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<Contact>> contacts(@PathParam("listId") String listId, @BeanParam @Valid PageParams page,
                                       @QueryParam("status") ContactStatus status) {
        return contacts.listContacts(tenant.tenantId(), listId, status, page);
    }

    @POST
    @Path("/{listId}/imports")
    @Consumes(CSV)
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Upload contacts as CSV (columns: docs/contacts.md); answered at once with the import job")
    @APIResponse(responseCode = "202", description = "stored and queued; follow Location for progress",
            content = @Content(schema = @Schema(implementation = ImportResource.ImportJobView.class)))
    @APIResponse(responseCode = "400", description = "empty body or an unusable header", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "header", value = "{\"type\":\"https://waihu.io/problems/validation\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"header: the header needs an externalId column\"}")))
    @APIResponse(responseCode = "404", description = "no such list", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importCsv(@PathParam("listId") String listId, InputStream body, @Context UriInfo uri) {
        return accepted(imports.submit(tenant.tenantId(), listId, ImportFormat.CSV, body), uri);
    }

    @POST
    @Path("/{listId}/imports")
    @Consumes({NDJSON, "application/jsonl"})
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Upload contacts as JSON Lines, one contact object per line; answered at once with the import job")
    @APIResponse(responseCode = "202", description = "stored and queued; follow Location for progress",
            content = @Content(schema = @Schema(implementation = ImportResource.ImportJobView.class)))
    @APIResponse(responseCode = "404", description = "no such list", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importJsonLines(@PathParam("listId") String listId, InputStream body, @Context UriInfo uri) {
        return accepted(imports.submit(tenant.tenantId(), listId, ImportFormat.JSONL, body), uri);
    }

    @GET
    @Path("/{listId}/imports")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "The list's imports, newest first")
    public Uni<Page<ImportResource.ImportJobView>> importsOf(@PathParam("listId") String listId, @BeanParam @Valid PageParams page) {
        Instant now = Instant.now();
        return imports.list(tenant.tenantId(), listId, page).map(p -> p.map(job -> ImportResource.ImportJobView.of(job, now)));
    }

    private static Response accepted(ImportJob job, UriInfo uri) {
        return Response.accepted(ImportResource.ImportJobView.of(job, Instant.now()))
                .location(uri.getBaseUriBuilder().path("/api/v1/imports/" + job.id()).build()).build();
    }
}
