package io.waihu.dialer.domain.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which campaign each logged-in agent of one tenant counts for in pacing, so that an agent logged in to several
 * campaigns is capacity for one of them at a time: the ready agents summed over campaigns never exceed the ready
 * agents there are (VICIdial counts such an agent in every campaign and over-dials; dialer-notes §3).
 *
 * <p>Only campaigns whose pacer dials for agents (PROGRESSIVE, PREDICTIVE: "paced") take part. The rules, in order:
 * <ol>
 * <li>an agent serving one paced campaign counts for it;</li>
 * <li>an agent on a call, reserved for one or wrapping up after one counts for that call's campaign;</li>
 * <li>an agent keeps the campaign it was given as long as it stays in the same state (same state, same
 * {@code stateSince}): calls a pacer placed for a READY agent are not placed a second time by another campaign;</li>
 * <li>the other READY agents, idle longest first, go first where answered calls wait for an agent (more than the
 * READY agents counted there: the agent is about to take one of them, so no pacer may dial for it meanwhile; most
 * uncovered waiting calls first, then campaign id), then where the queue per ready agent is largest (ties: fewer
 * ready agents, then campaign id); paused or unattributed busy agents go to the campaign with the fewest agents.</li>
 * </ol>
 * Deterministic for the same input.
 */
public final class AgentAllocation {

    private AgentAllocation() {
    }

    /** Where an agent counted, and in which state: kept while the agent stays in that state. */
    public record Assignment(String campaignId, AgentState state, Instant since) {
    }

    /**
     * @param agents          one tenant's agents (any state; logged-out ones are ignored)
     * @param queued          the paced campaigns with their queued requests
     * @param previous        the last assignment by agent id
     * @param callCampaign    the campaign of the call an agent is on, reserved for or wrapping up after (null if unknown)
     * @return assignment by agent id, for every logged-in agent that serves at least one paced campaign
     */
    public static Map<String, Assignment> allocate(List<Agent> agents, Map<String, Integer> queued, Map<String, Assignment> previous,
                                                   Function<Agent, String> callCampaign) {
        return allocate(agents, queued, Map.of(), previous, callCampaign);
    }

    /**
     * @param waiting answered calls waiting for an agent, by paced campaign (absent: none)
     * @see #allocate(List, Map, Map, Function)
     */
    public static Map<String, Assignment> allocate(List<Agent> agents, Map<String, Integer> queued, Map<String, Integer> waiting,
                                                   Map<String, Assignment> previous, Function<Agent, String> callCampaign) {
        Map<String, Assignment> out = new HashMap<>();
        Map<String, Integer> readyIn = new HashMap<>();
        Map<String, Integer> allIn = new HashMap<>();
        List<Agent> open = new ArrayList<>();
        for (Agent a : agents) {
            if (!a.state().loggedIn()) {
                continue;
            }
            Set<String> candidates = new TreeSet<>();
            a.campaignIds().stream().filter(queued::containsKey).forEach(candidates::add);
            if (candidates.isEmpty()) {
                continue;
            }
            String chosen = null;
            if (candidates.size() == 1) {
                chosen = candidates.iterator().next();
            } else if (a.state() == AgentState.RESERVED || a.state() == AgentState.ON_CALL || a.state() == AgentState.WRAP_UP) {
                String c = callCampaign.apply(a);
                chosen = c != null && candidates.contains(c) ? c : null;
            }
            if (chosen == null) {
                Assignment before = previous.get(a.agentId());
                if (before != null && before.state() == a.state() && before.since().equals(a.stateSince())
                        && candidates.contains(before.campaignId())) {
                    chosen = before.campaignId();
                }
            }
            if (chosen == null) {
                open.add(a);
                continue;
            }
            assign(out, readyIn, allIn, a, chosen);
        }
        open.sort(Comparator.comparing((Agent a) -> a.state() == AgentState.READY ? 0 : 1).thenComparing(Agent::stateSince)
                .thenComparing(Agent::agentId));
        for (Agent a : open) {
            String best = a.state() == AgentState.READY ? mostUncoveredWaiting(a, queued, waiting, readyIn) : null;
            if (best == null) {
                for (String c : new TreeSet<>(a.campaignIds())) {
                    if (!queued.containsKey(c)) {
                        continue;
                    }
                    if (best == null || better(a.state() == AgentState.READY, c, best, queued, readyIn, allIn)) {
                        best = c;
                    }
                }
            }
            assign(out, readyIn, allIn, a, best);
        }
        return out;
    }

    /** The agent's paced campaign with the most answered calls waiting beyond its READY agents, or null if none. */
    private static String mostUncoveredWaiting(Agent a, Map<String, Integer> queued, Map<String, Integer> waiting,
                                               Map<String, Integer> readyIn) {
        String best = null;
        int most = 0;
        for (String c : new TreeSet<>(a.campaignIds())) {
            int uncovered = queued.containsKey(c) ? waiting.getOrDefault(c, 0) - readyIn.getOrDefault(c, 0) : 0;
            if (uncovered > most) {
                most = uncovered;
                best = c;
            }
        }
        return best;
    }

    private static boolean better(boolean ready, String c, String best, Map<String, Integer> queued, Map<String, Integer> readyIn,
                                  Map<String, Integer> allIn) {
        if (!ready) {
            return allIn.getOrDefault(c, 0) < allIn.getOrDefault(best, 0);
        }
        // queue per ready agent if this one joins: compare q_c / (r_c + 1) with q_b / (r_b + 1) without division
        long lhs = (long) queued.get(c) * (readyIn.getOrDefault(best, 0) + 1);
        long rhs = (long) queued.get(best) * (readyIn.getOrDefault(c, 0) + 1);
        if (lhs != rhs) {
            return lhs > rhs;
        }
        return readyIn.getOrDefault(c, 0) < readyIn.getOrDefault(best, 0);
    }

    private static void assign(Map<String, Assignment> out, Map<String, Integer> readyIn, Map<String, Integer> allIn, Agent a, String c) {
        out.put(a.agentId(), new Assignment(c, a.state(), a.stateSince()));
        allIn.merge(c, 1, Integer::sum);
        if (a.state() == AgentState.READY) {
            readyIn.merge(c, 1, Integer::sum);
        }
    }
}
