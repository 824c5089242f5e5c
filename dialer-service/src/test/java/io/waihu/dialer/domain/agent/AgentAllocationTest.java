package io.waihu.dialer.domain.agent;

import io.waihu.dialer.domain.pacing.AbandonBudget;
import io.waihu.dialer.domain.pacing.AnswerStats;
import io.waihu.dialer.domain.pacing.PacingSnapshot;
import io.waihu.dialer.domain.pacing.ProgressivePacer;
import io.waihu.events.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AgentAllocationTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private static Agent agent(String id, AgentState state, Instant since, String... campaigns) {
        return new Agent("t", id, id, List.of(campaigns), false, 15, state, since, null, T0);
    }

    private static int ready(Map<String, AgentAllocation.Assignment> a, List<Agent> agents, String campaign) {
        return (int) agents.stream().filter(x -> x.state() == AgentState.READY && a.containsKey(x.agentId())
                && a.get(x.agentId()).campaignId().equals(campaign)).count();
    }

    private static PacingSnapshot progressive(int ready) {
        return new PacingSnapshot(T0, DialMode.PROGRESSIVE, ready, ready, 0, 0, 0, 0, 10, AnswerStats.defaults(),
                new AbandonBudget(0, 0, 300), null, null, 0);
    }

    @Test
    void oneReadyAgentInTwoProgressiveCampaignsMakesOneCallNotTwo() {
        List<Agent> agents = List.of(agent("a", AgentState.READY, T0, "c1", "c2"));
        Map<String, AgentAllocation.Assignment> a = AgentAllocation.allocate(agents, Map.of("c1", 5, "c2", 5), Map.of(), x -> null);
        ProgressivePacer pacer = new ProgressivePacer();
        int calls = pacer.decide(progressive(ready(a, agents, "c1"))).callsToPlace()
                + pacer.decide(progressive(ready(a, agents, "c2"))).callsToPlace();
        assertThat(calls).isEqualTo(1);
        // counting the agent in each campaign (the old way) made two calls for one person
        assertThat(pacer.decide(progressive(1)).callsToPlace() * 2).isEqualTo(2);
    }

    @Test
    void readyAgentsGoWhereTheQueuePerAgentIsLongestAndStayThereWhileReady() {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            agents.add(agent("a" + i, AgentState.READY, T0.plusSeconds(i), "big", "small"));
        }
        Map<String, AgentAllocation.Assignment> a = AgentAllocation.allocate(agents, Map.of("big", 30, "small", 10), Map.of(), x -> null);
        assertThat(ready(a, agents, "big")).isEqualTo(3);
        assertThat(ready(a, agents, "small")).isEqualTo(1);
        // the queues change, the agents are still READY since the same instant: nobody moves (no call placed twice)
        Map<String, AgentAllocation.Assignment> again = AgentAllocation.allocate(agents, Map.of("big", 0, "small", 50), a, x -> null);
        assertThat(again).isEqualTo(a);
        // an agent that becomes READY anew is placed again
        List<Agent> later = new ArrayList<>(agents);
        Agent moved = later.stream().filter(x -> a.get(x.agentId()).campaignId().equals("big")).findFirst().orElseThrow();
        later.set(later.indexOf(moved), agent(moved.agentId(), AgentState.READY, T0.plusSeconds(60), "big", "small"));
        Map<String, AgentAllocation.Assignment> third = AgentAllocation.allocate(later, Map.of("big", 0, "small", 50), a, x -> null);
        assertThat(third.get(moved.agentId()).campaignId()).isEqualTo("small");
    }

    @Test
    void anAgentOnACallCountsForThatCallsCampaign() {
        Agent busy = new Agent("t", "b", "b", List.of("c1", "c2"), false, 15, AgentState.ON_CALL, T0, "call-9", T0);
        Map<String, AgentAllocation.Assignment> a = AgentAllocation.allocate(List.of(busy), Map.of("c1", 9, "c2", 0), Map.of(),
                x -> "call-9".equals(x.callId()) ? "c2" : null);
        assertThat(a.get("b").campaignId()).isEqualTo("c2");
    }

    @Test
    void anAgentBackToReadyGoesWhereAnAnsweredCallWaitsForOne() {
        List<Agent> agents = List.of(agent("a", AgentState.READY, T0, "c1", "c2"), agent("b", AgentState.READY, T0.plusSeconds(1), "c1", "c2"));
        // c1's queue is longer, but a person on c2 waits: the longest idle agent counts there (it is about to take
        // that call), the other one goes by the queues
        Map<String, AgentAllocation.Assignment> a = AgentAllocation.allocate(agents, Map.of("c1", 30, "c2", 1), Map.of("c2", 1), Map.of(),
                x -> null);
        assertThat(a.get("a").campaignId()).isEqualTo("c2");
        assertThat(a.get("b").campaignId()).isEqualTo("c1");
        // without a waiting call both would count where the queue is
        Map<String, AgentAllocation.Assignment> none = AgentAllocation.allocate(agents, Map.of("c1", 30, "c2", 1), Map.of(), x -> null);
        assertThat(ready(none, agents, "c1")).isEqualTo(2);
    }

    /** Random agents, campaigns and queues (seeded): every invariant that keeps two campaigns from over-dialling together. */
    @Test
    void randomBoardsNeverCountAnAgentTwice() {
        long seed = Long.getLong("allocation.seed", 20261127L);
        Random rnd = new Random(seed);
        AgentState[] states = AgentState.values();
        for (int round = 0; round < 2000; round++) {
            int campaignCount = 1 + rnd.nextInt(6);
            List<String> campaigns = new ArrayList<>();
            for (int c = 0; c < campaignCount; c++) {
                campaigns.add("c" + c);
            }
            Map<String, Integer> queued = new LinkedHashMap<>();
            for (String c : campaigns) {
                if (rnd.nextInt(5) > 0) {
                    queued.put(c, rnd.nextInt(40));
                }
            }
            queued.put("c-not-served", 3);
            List<Agent> agents = new ArrayList<>();
            int n = rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                Set<String> mine = new HashSet<>();
                int k = 1 + rnd.nextInt(campaignCount);
                for (int j = 0; j < k; j++) {
                    mine.add(campaigns.get(rnd.nextInt(campaignCount)));
                }
                AgentState st = states[rnd.nextInt(states.length)];
                agents.add(new Agent("t", "a" + i, "a" + i, List.copyOf(mine), false, 15, st, T0.plusSeconds(rnd.nextInt(600)),
                        st == AgentState.ON_CALL ? "call-" + i : null, T0));
            }
            Map<String, String> calls = new HashMap<>();
            agents.forEach(x -> calls.put("call-" + x.agentId().substring(1), campaigns.get(rnd.nextInt(campaignCount))));
            // answered calls waiting for an agent in some campaigns (they pull READY agents first)
            Map<String, Integer> waiting = new HashMap<>();
            queued.keySet().forEach(c -> waiting.put(c, rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0));
            Map<String, AgentAllocation.Assignment> a = AgentAllocation.allocate(agents, queued, waiting, Map.of(),
                    x -> x.callId() == null ? null : calls.get(x.callId()));
            int readyServingPaced = 0;
            int readyCounted = 0;
            for (Agent x : agents) {
                boolean servesPaced = x.campaignIds().stream().anyMatch(queued::containsKey);
                AgentAllocation.Assignment as = a.get(x.agentId());
                if (!x.state().loggedIn() || !servesPaced) {
                    assertThat(as).as("seed %d round %d agent %s", seed, round, x).isNull();
                    continue;
                }
                assertThat(as).as("seed %d round %d agent %s", seed, round, x).isNotNull();
                assertThat(x.campaignIds()).contains(as.campaignId());
                assertThat(queued).containsKey(as.campaignId());
                if (x.state() == AgentState.READY) {
                    readyServingPaced++;
                }
            }
            for (String c : queued.keySet()) {
                readyCounted += ready(a, agents, c);
            }
            // each READY agent counted exactly once over all campaigns: the sum is the ready agents there are
            assertThat(readyCounted).as("seed %d round %d", seed, round).isEqualTo(readyServingPaced);
            // and again with the previous assignment: the same, whatever the queues do now
            Map<String, Integer> shuffled = new LinkedHashMap<>();
            queued.forEach((c, q) -> shuffled.put(c, rnd.nextInt(40)));
            assertThat(AgentAllocation.allocate(agents, shuffled, a, x -> x.callId() == null ? null : calls.get(x.callId())))
                    .as("seed %d round %d", seed, round).isEqualTo(a);
        }
    }
}
