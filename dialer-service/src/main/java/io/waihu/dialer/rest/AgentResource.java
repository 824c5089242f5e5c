package io.waihu.dialer.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.quarkus.security.identity.SecurityIdentity;
import io.waihu.dialer.service.AgentService;
import io.waihu.dialer.service.PreviewService;
import io.waihu.events.dialer.DropReason;
import io.waihu.platform.rest.ProblemException;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Path("/api/v1/agents")
@Tag(name = "agents", description = "Agents of the desktop and their state: an answered call goes to the READY agent idle the longest")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgentResource {

    /** A new agent. */
    public record AgentRequest(
            @NotBlank(message = "is required") @Size(max = 100) @Schema(description = "an AGENT token acts for the agent whose id is its user name (upn), e.g. li.na@example.com")
            @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "letters, digits, . _ : @ - only") String agentId,
            @NotBlank(message = "is required") @Size(max = 200) String name,
            List<@NotBlank @Size(max = 100) String> campaignIds,
            @Schema(description = "the simulator plays this agent: after a call it wraps up and becomes READY by itself") boolean simulated,
            @Schema(description = "after-call work in seconds (call time) of a simulated agent; default 15") @Min(0) @Max(3600) Integer wrapSeconds,
            @Schema(description = "LOGGED_OUT (default), READY or PAUSED") AgentState state) {
    }

    /** A state change from the desktop; campaignIds (optional) replaces the campaigns the agent is logged in to. */
    public record StateRequest(@NotNull(message = "is required") AgentState state, List<@NotBlank @Size(max = 100) String> campaignIds) {
    }

    public record AgentView(String agentId, String name, List<String> campaignIds, boolean simulated, int wrapSeconds, AgentState state,
                            Instant stateSince, String callId) {
        static AgentView of(Agent a) {
            return new AgentView(a.agentId(), a.name(), a.campaignIds(), a.simulated(), a.wrapSeconds(), a.state(), a.stateSince(), a.callId());
        }
    }

    /** A request held by an agent (PREVIEW): review the contact, then dial or skip before {@code reservedUntil}. */
    public record NextCallView(String attemptId, @Schema(description = "the call id the call will be placed under") String callId,
                               String campaignId, String contactId, @Schema(description = "E.164") String number, List<String> calleeZones,
                               Instant deadline, int attemptNumber, int priority, String agentId, Instant reservedUntil) {
        static NextCallView of(PreviewService.Offer o) {
            var r = o.request();
            return new NextCallView(r.attemptId(), o.callId(), r.campaignId(), r.contactId(), r.number(), r.calleeZones(), r.deadline(),
                    r.attemptNumber(), r.priority(), o.agentId(), o.reservedUntil());
        }
    }

    /** What became of a dialled preview request. */
    public record PreviewDialView(String attemptId, @Schema(description = "PLACED or DROPPED") String outcome, String callId,
                                  String carrierId, DropReason dropReason, String dropDetail) {
    }

    private final AgentService agents;
    private final PreviewService preview;
    private final TenantContext tenant;
    private final SecurityIdentity identity;

    public AgentResource(AgentService agents, PreviewService preview, TenantContext tenant, SecurityIdentity identity) {
        this.agents = agents;
        this.preview = preview;
        this.tenant = tenant;
        this.identity = identity;
    }

    /** An AGENT acts for itself only (its token's user name is its agent id); supervisors and admins for anyone. */
    private void actsFor(String agentId) {
        if (identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SUPERVISOR)) {
            return;
        }
        if (!agentId.equals(tenant.subject())) {
            throw new ProblemException(403, "not-own-agent", "Not your agent", "an agent token acts for agent " + tenant.subject() + " only");
        }
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Create an agent")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "simulated", value = "{\"agentId\":\"a-1\",\"name\":\"Li Na\","
            + "\"campaignIds\":[\"camp-7\"],\"simulated\":true,\"wrapSeconds\":15,\"state\":\"READY\"}")))
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", description = "invalid field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the agent id is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid AgentRequest r, @Context UriInfo uri) {
        return agents.create(tenant.tenantId(), r.agentId(), r.name(), r.campaignIds(), r.simulated(),
                        r.wrapSeconds() == null ? 15 : r.wrapSeconds(), r.state() == null ? AgentState.LOGGED_OUT : r.state())
                .map(a -> Response.created(uri.getAbsolutePathBuilder().path(a.agentId()).build()).entity(AgentView.of(a)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "List agents, a page at a time, by agent id")
    public Uni<Page<AgentView>> list(@BeanParam @Valid PageParams page, @QueryParam("state") AgentState state) {
        return agents.list(tenant.tenantId(), state, page).map(p -> p.map(AgentView::of));
    }

    @GET
    @Path("/{agentId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "Get one agent with its live state")
    @APIResponse(responseCode = "404", description = "no such agent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentView get(@PathParam("agentId") String agentId) {
        return AgentView.of(agents.get(tenant.tenantId(), agentId));
    }

    @PUT
    @Path("/{agentId}/state")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "Change an agent's state from the desktop",
            description = "LOGGED_OUT→READY|PAUSED, READY→PAUSED|LOGGED_OUT, WRAP_UP→READY|PAUSED|LOGGED_OUT, PAUSED→READY|LOGGED_OUT. "
                    + "RESERVED and ON_CALL are the dialer's; any other move answers 409.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "log in", value = "{\"state\":\"READY\",\"campaignIds\":[\"camp-7\"]}")))
    @APIResponse(responseCode = "404", description = "no such agent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not a legal move from the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgentView> changeState(@PathParam("agentId") String agentId, @NotNull(message = "a JSON body is required") @Valid StateRequest r) {
        return agents.changeState(tenant.tenantId(), agentId, r.state(), r.campaignIds()).map(AgentView::of);
    }

    @POST
    @Path("/{agentId}/next-call")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "PREVIEW: the agent asks for its next call",
            description = "Reserves for a READY agent the next queued request (highest priority, then oldest) of a running PREVIEW "
                    + "campaign it is logged in to, and makes it RESERVED. The request's rule check runs first: requests that may not be "
                    + "dialled now are dropped (DialDropped) and passed over. Dial or skip it before reservedUntil, else it goes back to "
                    + "the queue and the agent to READY. An AGENT token acts for its own agent only.")
    @APIResponse(responseCode = "200", description = "reserved for the agent", content = @Content(schema = @Schema(implementation = NextCallView.class),
            examples = @ExampleObject(name = "offer", value = "{\"attemptId\":\"att-91\",\"callId\":\"6f1c…\",\"campaignId\":\"camp-7\","
                    + "\"contactId\":\"c-12\",\"number\":\"+8613800138000\",\"calleeZones\":[\"Asia/Shanghai\"],"
                    + "\"deadline\":\"2026-11-27T10:00:00Z\",\"attemptNumber\":1,\"priority\":0,\"agentId\":\"a-1\","
                    + "\"reservedUntil\":\"2026-11-27T09:01:00Z\"}")))
    @APIResponse(responseCode = "404", description = "no such agent, or no call available", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "agent not READY, or not logged in to a running PREVIEW campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<NextCallView> nextCall(@PathParam("agentId") String agentId,
                                      @Parameter(description = "only this PREVIEW campaign") @QueryParam("campaignId") @Size(max = 100) String campaignId) {
        actsFor(agentId);
        return preview.nextCall(tenant.tenantId(), agentId, campaignId).map(NextCallView::of);
    }

    @GET
    @Path("/{agentId}/preview")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "PREVIEW: the request the agent holds now (after a desktop reload)")
    @APIResponse(responseCode = "404", description = "no such agent, or it holds nothing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<NextCallView> held(@PathParam("agentId") String agentId) {
        actsFor(agentId);
        return preview.current(tenant.tenantId(), agentId).map(NextCallView::of);
    }

    @POST
    @Path("/{agentId}/preview/{attemptId}/dial")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "PREVIEW: dial the held request",
            description = "Places it like any call: the rule check again (window, suppression, cool-off, deadline), the cheapest allowed "
                    + "carrier, CallPlaced…CallEnded on dialer.call-events.v1. A person's answer is bridged to this agent. If the rule "
                    + "check refuses it now, it is dropped (DialDropped; outcome DROPPED) and the agent is READY again.")
    @APIResponse(responseCode = "200", description = "placed or dropped", content = @Content(schema = @Schema(implementation = PreviewDialView.class)))
    @APIResponse(responseCode = "404", description = "no such agent, or the attempt is not queued", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not held by this agent, or the reservation expired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "every carrier that reaches the number is at its trunk limit; the agent still holds it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreviewDialView> dial(@PathParam("agentId") String agentId, @PathParam("attemptId") @Size(max = 200) String attemptId) {
        actsFor(agentId);
        return preview.dial(tenant.tenantId(), agentId, attemptId).map(d -> d.dropReason() != null
                ? new PreviewDialView(attemptId, "DROPPED", null, null, d.dropReason(), d.dropDetail())
                : new PreviewDialView(attemptId, "PLACED", d.callId(), d.carrierId(), null, null));
    }

    @POST
    @Path("/{agentId}/preview/{attemptId}/skip")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "PREVIEW: pass on the held request",
            description = "The request goes back to the queue for another agent (this agent is not offered it again) and the agent is "
                    + "READY. Nothing is published: it was not dialled, and stays dialable until its deadline.")
    @APIResponse(responseCode = "204", description = "skipped")
    @APIResponse(responseCode = "404", description = "no such agent, or the attempt is not queued", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not held by this agent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> skip(@PathParam("agentId") String agentId, @PathParam("attemptId") @Size(max = 200) String attemptId) {
        actsFor(agentId);
        return preview.skip(tenant.tenantId(), agentId, attemptId);
    }
}
