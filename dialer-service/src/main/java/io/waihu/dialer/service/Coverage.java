package io.waihu.dialer.service;

import io.waihu.dialer.domain.agent.Agent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pacer's inputs that only mean something together: the READY agents (AgentBoard) and the calls that already
 * cover them (each campaign's calls in flight and answered calls waiting, CampaignRuntime). A PROGRESSIVE or
 * PREDICTIVE call covers a READY agent from its placement until a person answers; then the agent is reserved for it
 * (no longer READY) or the call waits for one. Pacing reads both sides in one step ({@link #read}) and an answer moves
 * both in one step ({@link #handOver}, {@link #takeWaiting}), all under the board's lock. Read or moved apart, a tick
 * could count the agent still READY beside a call already out of flight, and dial that one agent a second time.
 */
@ApplicationScoped
public class Coverage {

    private final AgentBoard agents;

    public Coverage(AgentBoard agents) {
        this.agents = agents;
    }

    /** One campaign's agents by state (from the allocation for paced campaigns) and its calls covering them. */
    public record Reading(AgentBoard.Counts agents, int callsInFlight, int liveWaiting) {
    }

    /**
     * Allocates the agents to the paced campaigns (see {@link AgentBoard#allocate}) and reads every running campaign's
     * counters, as of one instant.
     *
     * @param pacedQueued  "tenant/campaign" keys of the PROGRESSIVE/PREDICTIVE campaigns with their queued requests
     * @param running      "tenant/campaign" key to runtime of every running campaign (the paced ones included)
     * @param callCampaign the campaign of the call an agent is on or wrapping up after (null if unknown)
     * @return a reading for every key of {@code running}
     */
    public Map<String, Reading> read(Map<String, Integer> pacedQueued, Map<String, CampaignRuntime> running,
                                     Function<Agent, String> callCampaign) {
        return agents.atomically(() -> {
            // an agent just back to READY goes to a campaign whose answered call it is about to take, not to a pacer
            Map<String, Integer> waiting = new HashMap<>();
            pacedQueued.keySet().forEach(k -> {
                CampaignRuntime rt = running.get(k);
                if (rt != null && rt.liveWaiting() > 0) {
                    waiting.put(k, rt.liveWaiting());
                }
            });
            Map<String, AgentBoard.Counts> allocated = agents.allocate(pacedQueued, waiting, callCampaign);
            Map<String, Reading> out = new HashMap<>();
            running.forEach((k, rt) -> {
                AgentBoard.Counts counts = allocated.get(k);
                out.put(k, new Reading(counts != null ? counts : agents.counts(rt.tenantId, rt.campaignId), rt.inFlight(),
                        rt.liveWaiting()));
            });
            return out;
        });
    }

    /**
     * A person answered a call that needs an agent: the longest-idle READY agent of its campaign is reserved for it,
     * else it waits for one ({@code startWaiting} queues it, still under the lock, so an agent that becomes READY
     * right after finds it). Either way the call leaves flight in the same step.
     *
     * @param startWaiting runs when no agent is free; must not take a call's monitor (the lock order is call, board)
     */
    public Optional<Agent> handOver(CampaignRuntime rt, String callId, Instant at, Runnable startWaiting) {
        return agents.atomically(() -> {
            Optional<Agent> agent = agents.reserveLongestIdle(rt.tenantId, rt.campaignId, callId, at);
            rt.answerHandedOver(agent.isEmpty());
            if (agent.isEmpty()) {
                startWaiting.run();
            }
            return agent;
        });
    }

    /** An answered call that waited gets the longest-idle READY agent of its campaign; it stops waiting in the same step. */
    public Optional<Agent> takeWaiting(CampaignRuntime rt, String callId, Instant at) {
        return agents.atomically(() -> {
            Optional<Agent> agent = agents.reserveLongestIdle(rt.tenantId, rt.campaignId, callId, at);
            if (agent.isPresent()) {
                rt.waitingDone();
            }
            return agent;
        });
    }
}
