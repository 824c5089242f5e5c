package io.waihu.campaign.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.service.ContactService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/contacts")
@Tag(name = "contacts", description = "People campaigns may call, from uploads and CRM events")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final TenantContext tenant;

    public ContactResource(ContactService contacts, TenantContext tenant) {
        this.contacts = contacts;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List contacts, ordered by external id")
    public Uni<Page<Contact>> list(@BeanParam @Valid PageParams page, @QueryParam("listId") String listId,
                                   @QueryParam("status") ContactStatus status) {
        return contacts.list(tenant.tenantId(), listId, status, page);
    }

    @GET
    @Path("/{externalId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR, Roles.AGENT})
    @Operation(summary = "Get a contact by its CRM external id")
    @APIResponse(responseCode = "404", description = "no such contact in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Contact> get(@PathParam("externalId") String externalId) {
        return contacts.get(tenant.tenantId(), externalId);
    }
}
