package io.waihu.dialer.service;

import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentAllocation;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.domain.agent.AgentState.Actor;
import io.waihu.dialer.repository.AgentRepository;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The live state of every agent, authoritative in memory (the dialer's decisions cannot wait for a database read)
 * and written through to the agent table with each change, so it survives a restart. One instance of the dialer
 * owns the board.
 */
@ApplicationScoped
public class AgentBoard {

    private final CallJournal journal;
    private final Map<String, Agent> agents = new HashMap<>();
    private long seq;
    private final List<Consumer<Agent>> readyListeners = new ArrayList<>();
    /** The last allocation by tenant: which paced campaign each agent counts for (see AgentAllocation). */
    private Map<String, Map<String, AgentAllocation.Assignment>> assigned = new HashMap<>();

    public AgentBoard(CallJournal journal) {
        this.journal = journal;
    }

    private static String key(String tenantId, String agentId) {
        return tenantId + "/" + agentId;
    }

    /** Who to tell when an agent becomes READY (answered calls waiting for an agent). */
    public synchronized void onReady(Consumer<Agent> listener) {
        readyListeners.add(listener);
    }

    synchronized void load(List<Agent> stored, long maxSeq) {
        stored.forEach(a -> agents.put(key(a.tenantId(), a.agentId()), a));
        seq = Math.max(seq, maxSeq);
    }

    public synchronized void add(Agent agent) {
        agents.put(key(agent.tenantId(), agent.agentId()), agent);
    }

    void announceReady(Agent agent) {
        List<Consumer<Agent>> listeners;
        synchronized (this) {
            listeners = List.copyOf(readyListeners);
        }
        listeners.forEach(l -> l.accept(agent));
    }

    public synchronized Optional<Agent> get(String tenantId, String agentId) {
        return Optional.ofNullable(agents.get(key(tenantId, agentId)));
    }

    public synchronized List<Agent> all() {
        return List.copyOf(agents.values());
    }

    /**
     * Runs {@code step} under the board's lock: what it reads and changes of the agents, and of anything else only
     * ever changed in such a step, is one instant to every other user of the board (see {@link Coverage}). The step
     * must not move an agent to READY (the READY listeners must not run under the lock) nor take a call's monitor.
     */
    public synchronized <T> T atomically(Supplier<T> step) {
        return step.get();
    }

    /**
     * Moves an agent, if the move is legal for the actor.
     *
     * @param campaignIds new campaigns to log in to, or null to keep them
     * @return the written agent and when it is committed
     * @throws ProblemException 404 for an unknown agent, 409 for an illegal move
     */
    public Change move(String tenantId, String agentId, AgentState target, Actor actor, Instant at, String callId, List<String> campaignIds) {
        Change change = moveQuietly(tenantId, agentId, target, actor, at, callId, campaignIds);
        if (target == AgentState.READY) {
            announceReady(change.agent());
        }
        return change;
    }

    /** The move without telling the READY listeners (they must not run while a caller holds the board's lock). */
    private synchronized Change moveQuietly(String tenantId, String agentId, AgentState target, Actor actor, Instant at, String callId,
                                            List<String> campaignIds) {
        Agent current = agents.get(key(tenantId, agentId));
        if (current == null) {
            throw ProblemException.notFound("agent", agentId);
        }
        if (!current.state().canMoveTo(target, actor)) {
            throw ProblemException.conflict("agent " + agentId + " is " + current.state() + " and cannot go " + target
                    + (actor == Actor.DESKTOP ? " from the desktop" : ""));
        }
        List<String> campaigns = campaignIds != null ? List.copyOf(campaignIds) : current.campaignIds();
        if (target != AgentState.LOGGED_OUT && campaigns.isEmpty()) {
            throw ProblemException.conflict("agent " + agentId + " must log in to at least one campaign (campaignIds)");
        }
        Agent next = new Agent(current.tenantId(), current.agentId(), current.name(), campaigns, current.simulated(),
                current.wrapSeconds(), target, at, callId, current.createdAt());
        agents.put(key(tenantId, agentId), next);
        return new Change(next, journal.write(List.of(AgentRepository.state(next, ++seq)), List.of()));
    }

    /**
     * Reserves the READY agent of the campaign that has been idle the longest, for an answered call: among the agents
     * pacing counted for this campaign first, then any other READY agent logged in to it (better than an abandon).
     */
    public Optional<Agent> reserveLongestIdle(String tenantId, String campaignId, String callId, Instant at) {
        synchronized (this) {
            Map<String, AgentAllocation.Assignment> mine = assigned.getOrDefault(tenantId, Map.of());
            Optional<Agent> idle = agents.values().stream()
                    .filter(a -> a.tenantId().equals(tenantId) && a.state() == AgentState.READY && a.serves(campaignId))
                    .min(Comparator.comparing((Agent a) -> {
                        AgentAllocation.Assignment as = mine.get(a.agentId());
                        return as == null || campaignId.equals(as.campaignId()) ? 0 : 1;
                    }).thenComparing(Agent::stateSince).thenComparing(Agent::agentId));
            idle.ifPresent(a -> move(tenantId, a.agentId(), AgentState.RESERVED, Actor.DIALER, at, callId, null));
            return idle.map(a -> agents.get(key(tenantId, a.agentId())));
        }
    }

    /**
     * PREVIEW: the agent asked for a call and holds it while it reviews the contact.
     *
     * @throws ProblemException 404 unknown agent, 409 when the agent is not READY (any more)
     */
    public Change reserveForPreview(String tenantId, String agentId, String callId, Instant at) {
        synchronized (this) {
            Agent current = agents.get(key(tenantId, agentId));
            if (current == null) {
                throw ProblemException.notFound("agent", agentId);
            }
            if (current.state() != AgentState.READY) {
                throw new ProblemException(409, "agent-not-ready", "Agent not ready",
                        "agent " + agentId + " is " + current.state() + "; only a READY agent can ask for its next call");
            }
            return moveQuietly(tenantId, agentId, AgentState.RESERVED, Actor.DIALER, at, callId, null);
        }
    }

    /**
     * Ends a reservation that did not become a connected call (skipped, timed out, dropped, not answered by a person):
     * the agent is READY again. Only when the agent is still RESERVED for this very call.
     *
     * @return true when the agent was released
     */
    public boolean releaseReservation(String tenantId, String agentId, String callId, Instant at) {
        Change change;
        synchronized (this) {
            Agent current = agents.get(key(tenantId, agentId));
            if (current == null || current.state() != AgentState.RESERVED || callId == null || !callId.equals(current.callId())) {
                return false;
            }
            change = moveQuietly(tenantId, agentId, AgentState.READY, Actor.DIALER, at, null, null);
        }
        announceReady(change.agent());
        return true;
    }

    /**
     * Agents by state for each paced campaign (PROGRESSIVE, PREDICTIVE), each logged-in agent counted in one of them
     * only (AgentAllocation), so campaigns sharing agents cannot over-dial together.
     *
     * @param pacedQueued  "tenant/campaign" keys of the paced campaigns with their queued requests
     * @param liveWaiting  "tenant/campaign" keys with their answered calls waiting for an agent (absent: none)
     * @param callCampaign the campaign of the call an agent is on or wrapping up after (null if unknown)
     * @return counts by "tenant/campaign" key (every paced campaign has one)
     */
    public synchronized Map<String, Counts> allocate(Map<String, Integer> pacedQueued, Map<String, Integer> liveWaiting,
                                                     Function<Agent, String> callCampaign) {
        Map<String, Map<String, Integer>> queuedByTenant = byTenant(pacedQueued);
        Map<String, Map<String, Integer>> waitingByTenant = byTenant(liveWaiting);
        Map<String, List<Agent>> agentsByTenant = new HashMap<>();
        agents.values().forEach(a -> agentsByTenant.computeIfAbsent(a.tenantId(), t -> new ArrayList<>()).add(a));
        Map<String, Map<String, AgentAllocation.Assignment>> next = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Double> wrapSum = new HashMap<>();
        for (var tenant : queuedByTenant.entrySet()) {
            List<Agent> of = agentsByTenant.getOrDefault(tenant.getKey(), List.of());
            Map<String, AgentAllocation.Assignment> a = AgentAllocation.allocate(of, tenant.getValue(),
                    waitingByTenant.getOrDefault(tenant.getKey(), Map.of()), assigned.getOrDefault(tenant.getKey(), Map.of()), callCampaign);
            next.put(tenant.getKey(), a);
            for (Agent agent : of) {
                AgentAllocation.Assignment as = a.get(agent.agentId());
                if (as == null) {
                    continue;
                }
                String k = tenant.getKey() + "/" + as.campaignId();
                int[] c = counts.computeIfAbsent(k, x -> new int[4]);
                c[0]++;
                wrapSum.merge(k, (double) agent.wrapSeconds(), Double::sum);
                switch (agent.state()) {
                    case READY -> c[1]++;
                    case RESERVED, ON_CALL -> c[2]++;
                    case WRAP_UP -> c[3]++;
                    default -> { }
                }
            }
        }
        assigned = next;
        Map<String, Counts> out = new HashMap<>();
        for (String k : pacedQueued.keySet()) {
            int[] c = counts.getOrDefault(k, new int[4]);
            out.put(k, new Counts(c[0], c[1], c[2], c[3], c[0] == 0 ? 15.0 : wrapSum.get(k) / c[0]));
        }
        return out;
    }

    private static Map<String, Map<String, Integer>> byTenant(Map<String, Integer> byKey) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        byKey.forEach((k, n) -> {
            int slash = k.indexOf('/');
            out.computeIfAbsent(k.substring(0, slash), t -> new HashMap<>()).put(k.substring(slash + 1), n);
        });
        return out;
    }

    /** Agents of a campaign by state, every agent logged in to it (for the modes that do not pace on agents). */
    public synchronized Counts counts(String tenantId, String campaignId) {
        int loggedIn = 0;
        int ready = 0;
        int busy = 0;
        int wrap = 0;
        double wrapSeconds = 0;
        for (Agent a : agents.values()) {
            if (!a.tenantId().equals(tenantId) || !a.serves(campaignId) || !a.state().loggedIn()) {
                continue;
            }
            loggedIn++;
            wrapSeconds += a.wrapSeconds();
            switch (a.state()) {
                case READY -> ready++;
                case RESERVED, ON_CALL -> busy++;
                case WRAP_UP -> wrap++;
                default -> { }
            }
        }
        return new Counts(loggedIn, ready, busy, wrap, loggedIn == 0 ? 15.0 : wrapSeconds / loggedIn);
    }

    public record Counts(int loggedIn, int ready, int busy, int wrapUp, double meanWrapSeconds) {
    }

    public record Change(Agent agent, CompletableFuture<Void> committed) {
    }
}
