package io.waihu.campaign.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.Attempt;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.campaign.domain.CampaignStatus.Action;
import io.waihu.campaign.repository.AttemptRepository;
import io.waihu.campaign.repository.ProgressRepository;
import io.waihu.campaign.service.CampaignService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/campaigns")
@Tag(name = "campaigns", description = "Campaign settings, lifecycle, attempts and progress")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CampaignResource {

    static final String EXAMPLE = """
            {"name":"Winter renewals","dialMode":"PROGRESSIVE","callerId":"+442071838750","listIds":["uk-renewals"],
             "startDate":"2026-12-01","endDate":"2026-12-31","timeZone":"Europe/London",
             "callingWindows":[{"day":"MONDAY","start":"09:00","end":"20:00"},{"day":"SATURDAY","start":"10:00","end":"16:00"}],
             "blackoutDates":["2026-12-25","2026-12-26"],"rulePack":"UK",
             "caps":{"maxAttemptsPerContact":4,"maxAttemptsPerDay":2,"maxAttemptsPer7Days":4},
             "retryDelays":{"BUSY":"PT10M","NO_ANSWER":"PT2H","VOICEMAIL":"PT4H","FAILED":"PT30M","ABANDONED":"PT1H"},
             "budget":{"amount":"2500.00","currency":"GBP"},"budgetAlertPercents":[80,100],
             "allowedCarrierIds":["carrier-a","carrier-b"],"segment":{"region":["london","south-east"]},"hopperSize":50}""";

    /** Body of a lifecycle action; optional. */
    public record ActionRequest(@Size(max = 500) String reason) {
    }

    private final CampaignService campaigns;
    private final AttemptRepository attempts;
    private final ProgressRepository progress;
    private final TenantContext tenant;

    public CampaignResource(CampaignService campaigns, AttemptRepository attempts, ProgressRepository progress, TenantContext tenant) {
        this.campaigns = campaigns;
        this.attempts = attempts;
        this.progress = progress;
        this.tenant = tenant;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Create a campaign (DRAFT)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "uk", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "invalid field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid CampaignSettings settings, @Context UriInfo uri) {
        return campaigns.create(tenant.tenantId(), settings)
                .map(c -> Response.created(uri.getAbsolutePathBuilder().path(c.id().toString()).build()).entity(CampaignView.of(c)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List campaigns, newest first, optionally by status")
    public Uni<Page<CampaignView>> list(@BeanParam @Valid PageParams page, @QueryParam("status") CampaignStatus status) {
        return campaigns.list(tenant.tenantId(), status, page).map(p -> p.map(CampaignView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR, Roles.AGENT})
    @Operation(summary = "Get one campaign")
    @APIResponse(responseCode = "404", description = "no such campaign in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> get(@PathParam("id") UUID id) {
        return campaigns.get(tenant.tenantId(), id).map(CampaignView::of);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Replace the settings (only while DRAFT or PAUSED; a paused campaign publishes CampaignSettingsChanged)")
    @APIResponse(responseCode = "400", description = "invalid field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not DRAFT or PAUSED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> update(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid CampaignSettings settings) {
        return campaigns.update(tenant.tenantId(), id, settings).map(CampaignView::of);
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Start: SCHEDULED until the start date, then RUNNING (CampaignStarted with the dial policy)")
    @APIResponse(responseCode = "409", description = "not allowed in the current state; the detail names the allowed actions", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> start(@PathParam("id") UUID id, @Valid ActionRequest body) {
        return act(id, Action.START, body);
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Pause a RUNNING campaign (CampaignPaused)")
    @APIResponse(responseCode = "409", description = "not allowed in the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> pause(@PathParam("id") UUID id, @Valid ActionRequest body) {
        return act(id, Action.PAUSE, body);
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Resume a PAUSED campaign (CampaignResumed)")
    @APIResponse(responseCode = "409", description = "not allowed in the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> resume(@PathParam("id") UUID id, @Valid ActionRequest body) {
        return act(id, Action.RESUME, body);
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Complete a RUNNING or PAUSED campaign (CampaignCompleted)")
    @APIResponse(responseCode = "409", description = "not allowed in the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> complete(@PathParam("id") UUID id, @Valid ActionRequest body) {
        return act(id, Action.COMPLETE, body);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Cancel a campaign that has not ended (CampaignCompleted with reason cancelled, if it had started)")
    @APIResponse(responseCode = "409", description = "already ended", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> cancel(@PathParam("id") UUID id, @Valid ActionRequest body) {
        return act(id, Action.CANCEL, body);
    }

    private Uni<CampaignView> act(UUID id, Action action, ActionRequest body) {
        return campaigns.act(tenant.tenantId(), id, action, body == null ? null : body.reason()).map(CampaignView::of);
    }

    @GET
    @Path("/{id}/attempts")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Attempts of the campaign, newest first; filter by disposition (call disposition or outcome code) or contact")
    public Uni<Page<Attempt>> attempts(@PathParam("id") UUID id, @BeanParam @Valid PageParams page,
                                       @QueryParam("disposition") String disposition, @QueryParam("contactId") UUID contactId) {
        String t = tenant.tenantId();
        return campaigns.get(t, id).chain(c -> Page.of(attempts.page(t, id, disposition, contactId, page),
                attempts.count(t, id, disposition, contactId), page));
    }

    @GET
    @Path("/{id}/progress")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Contacts total/done/pending, attempts by disposition, outstanding requests, spend against budget")
    public Uni<ProgressView> progress(@PathParam("id") UUID id) {
        String t = tenant.tenantId();
        return campaigns.get(t, id).chain(c -> Uni.combine().all()
                .unis(progress.contacts(id), progress.attemptsByDisposition(id), progress.spend(t, id), progress.alerts(t, id))
                .with((counts, byDisposition, spent, alerts) -> new ProgressView(id, c.status(), counts.total(), counts.done(),
                        counts.pending(), counts.outstanding(), counts.doneByReason(), byDisposition, spent, c.settings().budget(), alerts)));
    }
}
