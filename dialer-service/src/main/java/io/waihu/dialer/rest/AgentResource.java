package io.waihu.dialer.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.service.AgentService;
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
            @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits, . _ : - only") String agentId,
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

    private final AgentService agents;
    private final TenantContext tenant;

    public AgentResource(AgentService agents, TenantContext tenant) {
        this.agents = agents;
        this.tenant = tenant;
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
}
