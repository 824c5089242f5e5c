package io.waihu.dialer.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.domain.agent.AgentState.Actor;
import io.waihu.dialer.repository.AgentRepository;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Agents of the desktop: create, list, and the state changes the desktop may make. */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    private final AgentRepository agents;
    private final AgentBoard board;

    public AgentService(AgentRepository agents, AgentBoard board) {
        this.agents = agents;
        this.board = board;
    }

    /**
     * Rebuilds the board. A call an agent was on did not survive the restart: a real agent goes to WRAP_UP (the
     * desktop sets READY when done), a simulated one straight to READY.
     */
    void load(@Observes StartupEvent ignored) {
        List<io.vertx.mutiny.sqlclient.Row> rows = agents.all().await().indefinitely();
        List<Agent> loaded = new ArrayList<>();
        long maxSeq = 0;
        for (var row : rows) {
            loaded.add(AgentRepository.map(row));
            maxSeq = Math.max(maxSeq, row.getLong("state_seq"));
        }
        board.load(loaded, maxSeq);
        Instant now = Instant.now();
        for (Agent a : loaded) {
            if (a.state() == AgentState.RESERVED || a.state() == AgentState.ON_CALL) {
                board.move(a.tenantId(), a.agentId(), AgentState.WRAP_UP, Actor.DIALER,
                        now, null, null);
                if (a.simulated()) {
                    board.move(a.tenantId(), a.agentId(), AgentState.READY, Actor.DIALER, now, null, null);
                }
            }
        }
        LOG.infof("agent board: %d agents", loaded.size());
    }

    public Uni<Agent> create(String tenantId, String agentId, String name, List<String> campaignIds, boolean simulated, int wrapSeconds,
                             AgentState initial) {
        if (initial != AgentState.LOGGED_OUT && initial != AgentState.READY && initial != AgentState.PAUSED) {
            throw ProblemException.badRequest("an agent starts LOGGED_OUT, READY or PAUSED");
        }
        List<String> campaigns = campaignIds == null ? List.of() : List.copyOf(campaignIds);
        if (initial != AgentState.LOGGED_OUT && campaigns.isEmpty()) {
            throw ProblemException.badRequest("campaignIds: an agent that is logged in needs at least one campaign");
        }
        Instant now = Instant.now();
        Agent agent = new Agent(tenantId, agentId, name, campaigns, simulated, wrapSeconds, initial, now, null, now);
        return agents.insert(agent).map(inserted -> {
            if (!inserted) {
                throw ProblemException.conflict("agent " + agentId + " exists");
            }
            board.add(agent);
            if (initial == AgentState.READY) {
                // answered calls of its campaigns may be waiting
                board.announceReady(agent);
            }
            return board.get(tenantId, agentId).orElse(agent);
        });
    }

    public Agent get(String tenantId, String agentId) {
        return board.get(tenantId, agentId).orElseThrow(() -> ProblemException.notFound("agent", agentId));
    }

    public Uni<Page<Agent>> list(String tenantId, AgentState state, PageParams page) {
        Uni<List<Agent>> items = agents.pageIds(tenantId, state, page)
                .map(ids -> ids.stream().map(id -> board.get(tenantId, id)).flatMap(java.util.Optional::stream).toList());
        return Page.of(items, agents.count(tenantId, state), page);
    }

    /** A change from the desktop; answers once it is stored. */
    public Uni<Agent> changeState(String tenantId, String agentId, AgentState target, List<String> campaignIds) {
        AgentBoard.Change change = board.move(tenantId, agentId, target, Actor.DESKTOP, Instant.now(), null, campaignIds);
        return Uni.createFrom().completionStage(change.committed()).replaceWith(change.agent());
    }
}
