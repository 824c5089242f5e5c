package io.waihu.dialer.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.dialer.service.DialerCampaignService;
import io.waihu.dialer.service.PacingView;
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

@Path("/api/v1/dialer/campaigns")
@Tag(name = "dialer campaigns", description = "The dialer's copy of each campaign, fed by campaign events")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class DialerCampaignResource {

    private final DialerCampaignService campaigns;
    private final TenantContext tenant;

    public DialerCampaignResource(DialerCampaignService campaigns, TenantContext tenant) {
        this.campaigns = campaigns;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "List the campaigns the dialer knows, with the status it dials by")
    public Uni<Page<DialerCampaign>> list(@BeanParam @Valid PageParams page, @QueryParam("status") DialerCampaign.Status status) {
        return campaigns.list(tenant.tenantId(), status, page);
    }

    @GET
    @Path("/{campaignId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Get the dialer's copy of one campaign")
    @APIResponse(responseCode = "404", description = "the dialer has not heard of this campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DialerCampaign> get(@PathParam("campaignId") String campaignId) {
        return campaigns.get(tenant.tenantId(), campaignId);
    }

    @GET
    @Path("/{campaignId}/pacing")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Why the campaign is dialling N calls now, or why not",
            description = "The last pacing decision (every tick, about 4 a second): the pacer, the number of calls, its reason in words, "
                    + "the agents, calls in flight, queue and abandon figures it saw, and its own intermediate inputs.")
    @APIResponse(responseCode = "404", description = "the dialer has not heard of this campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PacingView> pacing(@PathParam("campaignId") String campaignId) {
        return campaigns.pacing(tenant.tenantId(), campaignId);
    }
}
