package io.waihu.campaign.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.PhoneNumbers;
import io.waihu.campaign.domain.SuppressionCheck;
import io.waihu.campaign.domain.SuppressionEntry;
import io.waihu.campaign.service.SuppressionService;
import io.waihu.campaign.domain.SuppressionUploadResult;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;

/**
 * Tenant-wide do-not-call entries ({@code /api/v1/suppression}); {@link CampaignScoped} serves one campaign's entries.
 * Numbers are normalised to E.164 with libphonenumber; prefixes are E.164 digits without '+'.
 */
@Path("/api/v1/suppression")
@Tag(name = "suppression", description = "Do-not-call entries: numbers and prefixes, tenant-wide or per campaign")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SuppressionResource {

    static final String CSV = "text/csv";
    static final String REGION = "ISO 3166 alpha-2 region for numbers written in national format, e.g. CN";

    /** Exactly one of number and prefix. */
    @Schema(description = "A number (any format; national ones need region) or a prefix of E.164 digits, not both")
    public record SuppressionRequest(
            @Schema(examples = "+86 138 0013 8000") @Size(max = 40, message = "must be at most 40 characters") String number,
            @Schema(examples = "86138") @Pattern(regexp = "\\+?[1-9][0-9]{0,14}", message = "must be 1 to 15 digits of an E.164 number, not starting with 0") String prefix,
            @Schema(description = "ISO-8601 instant after which the entry no longer applies; absent means never") Instant expiresAt,
            @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    private final SuppressionService suppression;
        private final TenantContext tenant;

    public SuppressionResource(SuppressionService suppression, TenantContext tenant) {
        this.suppression = suppression;
                this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Add a tenant-wide entry (a number or a prefix); adding a live one again refreshes it")
    @APIResponse(responseCode = "201", description = "in force", content = @Content(schema = @Schema(implementation = SuppressionEntry.class)))
    @APIResponse(responseCode = "400", description = "bad number, prefix or expiry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(@NotNull(message = "a JSON body is required") @Valid SuppressionRequest request,
                             @Parameter(description = REGION) @QueryParam("region") String region, @Context UriInfo uri) {
        return add(suppression, tenant.tenantId(), null, request, region, uri);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List tenant-wide entries, newest first")
    public Uni<Page<SuppressionEntry>> list(@BeanParam @Valid PageParams page,
                                            @Parameter(description = "only entries whose digits start with this") @QueryParam("digits") String digits,
                                            @Parameter(description = "only entries from this source, e.g. API, UPLOAD, CRM_OPT_OUT") @QueryParam("source") String source,
                                            @Parameter(description = "also removed and expired entries") @QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive) {
        return suppression.list(tenant.tenantId(), null, digitsFilter(digits), source, includeInactive, page);
    }

    @GET
    @Path("/check")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR, Roles.AGENT})
    @Operation(summary = "Whether a number may not be called (tenant-wide, and for the campaign when given), and which entries say so")
    @APIResponse(responseCode = "200", description = "the answer with the matching entries", content = @Content(schema = @Schema(implementation = SuppressionCheck.class),
            examples = @ExampleObject(name = "suppressed", value = "{\"number\":\"+8613800138000\",\"campaignId\":null,\"suppressed\":true,\"matches\":[{\"digits\":\"86138\",\"prefixMatch\":true,\"source\":\"API\",\"reason\":\"test range\"}]}")))
    @APIResponse(responseCode = "400", description = "missing or bad number", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SuppressionCheck> check(@QueryParam("number") @NotBlank(message = "is required") String number,
                                       @QueryParam("campaignId") String campaignId,
                                       @Parameter(description = REGION) @QueryParam("region") String region) {
        String e164 = SuppressionService.normaliseOrReject("number", number, checkRegion(region));
        return suppression.check(tenant.tenantId(), campaignId, e164);
    }

    @POST
    @Path("/uploads")
    @Consumes({CSV, MediaType.TEXT_PLAIN})
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Add many tenant-wide entries from CSV (header: number,prefix,expiresAt,reason), read as a stream")
    @APIResponse(responseCode = "200", description = "what was added and the rows refused (line, column, reason)",
            content = @Content(schema = @Schema(implementation = SuppressionUploadResult.class)))
    public SuppressionUploadResult upload(InputStream body, @Parameter(description = REGION) @QueryParam("region") String region) {
        return suppression.upload(tenant.tenantId(), null, checkRegion(region), body);
    }

    @GET
    @Path("/{entryId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get a tenant-wide entry (also a removed one)")
    @APIResponse(responseCode = "404", description = "no such entry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SuppressionEntry> get(@PathParam("entryId") UUID entryId) {
        return suppression.get(tenant.tenantId(), null, entryId);
    }

    @DELETE
    @Path("/{entryId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Remove a tenant-wide entry (publishes SuppressionRemoved)")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no live entry with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> remove(@PathParam("entryId") UUID entryId) {
        return suppression.remove(tenant.tenantId(), null, entryId).map(removed -> Response.noContent().build());
    }

    static Uni<Response> add(SuppressionService suppression, String tenantId, String campaignId, SuppressionRequest request,
                             String region, UriInfo uri) {
        boolean hasNumber = request.number() != null && !request.number().isBlank();
        boolean hasPrefix = request.prefix() != null && !request.prefix().isBlank();
        if (hasNumber == hasPrefix) {
            throw SuppressionService.invalid(hasNumber ? "prefix" : "number", "give exactly one of number and prefix");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw SuppressionService.invalid("expiresAt", "must be in the future");
        }
        String digits = hasNumber
                ? SuppressionService.normaliseOrReject("number", request.number(), checkRegion(region)).substring(1)
                : request.prefix().startsWith("+") ? request.prefix().substring(1) : request.prefix();
        return suppression.add(tenantId, campaignId, digits, hasPrefix, request.expiresAt(), SuppressionService.SOURCE_API, request.reason())
                .map(entry -> Response.created(uri.getAbsolutePathBuilder().path(entry.id().toString()).build()).entity(entry).build());
    }

    static String checkRegion(String region) {
        if (region != null && !PhoneNumbers.isRegion(region)) {
            throw SuppressionService.invalid("region", "'" + region + "' is not an ISO 3166 alpha-2 region libphonenumber knows");
        }
        return region;
    }

    static String digitsFilter(String digits) {
        if (digits == null || digits.isBlank()) {
            return null;
        }
        String d = digits.startsWith("+") ? digits.substring(1) : digits;
        if (!d.matches("[0-9]{1,15}")) {
            throw SuppressionService.invalid("digits", "must be 1 to 15 digits");
        }
        return d;
    }

    /** One campaign's entries; they apply on top of the tenant-wide ones. */
    @Path("/api/v1/campaigns/{campaignId}/suppression")
    @Tag(name = "suppression")
    @SecurityRequirement(name = "bearer")
    @Produces(MediaType.APPLICATION_JSON)
    public static class CampaignScoped {

        private final SuppressionService suppression;
                private final TenantContext tenant;

        public CampaignScoped(SuppressionService suppression, TenantContext tenant) {
            this.suppression = suppression;
                        this.tenant = tenant;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
        @Operation(summary = "Add an entry for this campaign only (a number or a prefix)")
        @APIResponse(responseCode = "201", description = "in force", content = @Content(schema = @Schema(implementation = SuppressionEntry.class)))
        @APIResponse(responseCode = "400", description = "bad number, prefix or expiry", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        public Uni<Response> add(@PathParam("campaignId") String campaignId,
                                 @NotNull(message = "a JSON body is required") @Valid SuppressionRequest request,
                                 @Parameter(description = REGION) @QueryParam("region") String region, @Context UriInfo uri) {
            return SuppressionResource.add(suppression, tenant.tenantId(), campaignId, request, region, uri);
        }

        @GET
        @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
        @Operation(summary = "List this campaign's own entries, newest first (tenant-wide ones are under /api/v1/suppression)")
        public Uni<Page<SuppressionEntry>> list(@PathParam("campaignId") String campaignId, @BeanParam @Valid PageParams page,
                                                @QueryParam("digits") String digits, @QueryParam("source") String source,
                                                @QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive) {
            return suppression.list(tenant.tenantId(), campaignId, digitsFilter(digits), source, includeInactive, page);
        }

        @POST
        @Path("/uploads")
        @Consumes({CSV, MediaType.TEXT_PLAIN})
        @Blocking
        @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
        @Operation(summary = "Add many entries for this campaign from CSV (header: number,prefix,expiresAt,reason), read as a stream")
        @APIResponse(responseCode = "200", description = "what was added and the rows refused",
                content = @Content(schema = @Schema(implementation = SuppressionUploadResult.class)))
        public SuppressionUploadResult upload(@PathParam("campaignId") String campaignId, InputStream body,
                                                            @QueryParam("region") String region) {
            return suppression.upload(tenant.tenantId(), campaignId, checkRegion(region), body);
        }

        @GET
        @Path("/{entryId}")
        @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
        @Operation(summary = "Get one of this campaign's entries")
        public Uni<SuppressionEntry> get(@PathParam("campaignId") String campaignId, @PathParam("entryId") UUID entryId) {
            return suppression.get(tenant.tenantId(), campaignId, entryId);
        }

        @DELETE
        @Path("/{entryId}")
        @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
        @Operation(summary = "Remove one of this campaign's entries (publishes SuppressionRemoved)")
        @APIResponse(responseCode = "204", description = "removed")
        @APIResponse(responseCode = "404", description = "no live entry with this id for this campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        public Uni<Response> remove(@PathParam("campaignId") String campaignId, @PathParam("entryId") UUID entryId) {
            return suppression.remove(tenant.tenantId(), campaignId, entryId).map(removed -> Response.noContent().build());
        }
    }
}
