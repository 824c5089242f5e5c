package io.waihu.dialer.service;

import io.waihu.dialer.config.DialerConfig;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.domain.agent.AgentState.Actor;
import io.waihu.dialer.domain.pacing.AbandonBudget;
import io.waihu.dialer.domain.pacing.AnswerStats;
import io.waihu.dialer.domain.pacing.PacingSnapshot;
import io.waihu.dialer.domain.pacing.ProgressivePacer;
import io.waihu.events.WaihuEvent;
import io.waihu.events.campaign.DialMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race behind SharedCapacityFlowTest's "expected 1 CallPlaced, counted 2", with the interleaving forced instead of
 * waited for: one agent READY in two PROGRESSIVE campaigns, one call placed for it; the person answers while a pacing
 * tick is between allocating the agents and reading the calls in flight. Read apart, the tick saw the agent READY and
 * the call already out of flight, and dialled the agent again.
 */
class CoverageTest {

    private static final String TENANT = "t";
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final String S1 = "camp-s1";
    private static final String S2 = "camp-s2";

    private AgentBoard board;
    private Coverage coverage;
    private final Map<String, CampaignRuntime> running = Map.of(TENANT + "/" + S1, new CampaignRuntime(TENANT, S1),
            TENANT + "/" + S2, new CampaignRuntime(TENANT, S2));
    private final Map<String, Integer> queued = Map.of(TENANT + "/" + S1, 2, TENANT + "/" + S2, 2);

    /** A journal that commits at once: the board writes every move through it. */
    static CallJournal journal() {
        DialerConfig config = (DialerConfig) Proxy.newProxyInstance(DialerConfig.class.getClassLoader(), new Class<?>[]{DialerConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("journalBatch")) {
                        return 400;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new CallJournal(null, null, config) {
            @Override
            public CompletableFuture<Void> write(List<Statement> statements, List<? extends WaihuEvent> events) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    static Agent agent(String id, AgentState state, String callId) {
        return new Agent(TENANT, id, id, List.of(S1, S2), false, 15, state, T0, callId, T0);
    }

    @BeforeEach
    void board() {
        board = new AgentBoard(journal());
        coverage = new Coverage(board);
        board.add(agent("shared", AgentState.READY, null));
        // a colleague wrapping up after a camp-s2 call: the allocation asks for its call's campaign, which is where
        // the test holds the tick (in the middle of reading the agents)
        board.add(agent("desk-2", AgentState.WRAP_UP, null));
    }

    /** Calls the progressive pacer places over both campaigns for these readings. */
    static int callsToPlace(Map<String, Coverage.Reading> readings) {
        ProgressivePacer pacer = new ProgressivePacer();
        int calls = 0;
        for (Coverage.Reading r : readings.values()) {
            AgentBoard.Counts a = r.agents();
            calls += pacer.decide(new PacingSnapshot(T0, DialMode.PROGRESSIVE, a.loggedIn(), a.ready(), a.busy(), a.wrapUp(),
                    r.callsInFlight(), r.liveWaiting(), 2, AnswerStats.defaults(), new AbandonBudget(0, 0, 300), null, null, 0))
                    .callsToPlace();
        }
        return calls;
    }

    /** The campaign the shared agent counts for in these readings (the one with a READY agent). */
    static String campaignWithReadyAgent(Map<String, Coverage.Reading> readings) {
        List<String> with = new ArrayList<>();
        readings.forEach((k, r) -> {
            if (r.agents().ready() > 0) {
                with.add(k.substring(k.indexOf('/') + 1));
            }
        });
        assertThat(with).hasSize(1);
        return with.get(0);
    }

    /** Waits until the thread waits for a lock, or has finished (when nothing held it back). */
    static void awaitBlockedOrDone(Thread t) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.BLOCKED && t.getState() != Thread.State.TERMINATED && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).isIn(Thread.State.BLOCKED, Thread.State.TERMINATED);
    }

    @Test
    void anAnswerHandedOverWhileATickReadsTheAgentsIsNotDialledTwice() throws Exception {
        Function<Agent, String> wrappedAfterS2 = a -> a.agentId().equals("desk-2") ? S2 : null;
        // tick 1: the shared agent counts READY in one campaign only, which places one call for it
        Map<String, Coverage.Reading> first = coverage.read(queued, running, wrappedAfterS2);
        assertThat(callsToPlace(first)).isEqualTo(1);
        CampaignRuntime placedIn = running.get(TENANT + "/" + campaignWithReadyAgent(first));
        placedIn.callStarted(System.currentTimeMillis());
        // while it rings the agent stays READY, covered by the call in flight: nothing more to dial
        assertThat(callsToPlace(coverage.read(queued, running, wrappedAfterS2))).isZero();

        // tick 3 stops in the middle of reading the agents ...
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<Agent, String> holding = a -> {
            inRead.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return wrappedAfterS2.apply(a);
        };
        AtomicReference<Map<String, Coverage.Reading>> third = new AtomicReference<>();
        Thread tick = new Thread(() -> third.set(coverage.read(queued, running, holding)), "tick");
        tick.start();
        assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
        // ... when the person answers and the call is handed over to the agent
        AtomicReference<Optional<Agent>> reserved = new AtomicReference<>();
        List<String> waiting = new CopyOnWriteArrayList<>();
        Thread answer = new Thread(() -> reserved.set(coverage.handOver(placedIn, "call-1", T0.plusSeconds(3), () -> waiting.add("call-1"))),
                "answer");
        answer.start();
        awaitBlockedOrDone(answer);
        release.countDown();
        tick.join(10_000);
        answer.join(10_000);

        // the tick saw the agent READY with its call still in flight (or RESERVED with the call gone): no second call
        assertThat(callsToPlace(third.get())).isZero();
        assertThat(reserved.get()).map(Agent::agentId).contains("shared");
        assertThat(board.get(TENANT, "shared")).map(Agent::state).contains(AgentState.RESERVED);
        assertThat(waiting).isEmpty();
        assertThat(placedIn.inFlight()).isZero();
        // and after the hand-over there is nothing to dial either
        assertThat(callsToPlace(coverage.read(queued, running, wrappedAfterS2))).isZero();
    }

    @Test
    void anAgentBackToReadyWhileAnAnsweredCallWaitsIsNotDialledForByTheOtherCampaign() {
        // the shared agent is away when a person answers a camp-s2 call: the call waits
        board.move(TENANT, "shared", AgentState.PAUSED, Actor.DESKTOP, T0.plusSeconds(1), null, null);
        CampaignRuntime s2 = running.get(TENANT + "/" + S2);
        s2.callStarted(System.currentTimeMillis());
        List<String> waiting = new ArrayList<>();
        assertThat(coverage.handOver(s2, "call-2", T0.plusSeconds(2), () -> waiting.add("call-2"))).isEmpty();
        assertThat(waiting).containsExactly("call-2");
        // it comes back, and a tick reads the board before the agent's READY listener has taken the waiting call
        board.move(TENANT, "shared", AgentState.READY, Actor.DESKTOP, T0.plusSeconds(3), null, null);
        Map<String, Coverage.Reading> readings = coverage.read(queued, running, a -> null);
        // it counts where the call waits for it, covered by that call: neither campaign dials for it (by the queues,
        // equal here, it would have counted for camp-s1, which would have dialled it)
        assertThat(readings.get(TENANT + "/" + S2).agents().ready()).isEqualTo(1);
        assertThat(callsToPlace(readings)).isZero();
        assertThat(coverage.takeWaiting(s2, "call-2", T0.plusSeconds(3))).map(Agent::agentId).contains("shared");
        assertThat(callsToPlace(coverage.read(queued, running, a -> null))).isZero();
    }

    @Test
    void anAnswerNoAgentTakesWaitsInTheSameStepAsItLeavesFlight() {
        board.move(TENANT, "shared", AgentState.PAUSED, Actor.DESKTOP, T0.plusSeconds(1), null, null);
        CampaignRuntime rt = running.get(TENANT + "/" + S1);
        rt.callStarted(System.currentTimeMillis());
        AtomicBoolean queuedUnderLock = new AtomicBoolean();
        Optional<Agent> none = coverage.handOver(rt, "call-1", T0.plusSeconds(2), () -> queuedUnderLock.set(Thread.holdsLock(board)));
        assertThat(none).isEmpty();
        // queued while the board is held: an agent moving to READY (under the same lock) and then looking for a
        // waiting call cannot slip in between the failed reservation and the queueing
        assertThat(queuedUnderLock).isTrue();
        assertThat(rt.inFlight()).isZero();
        assertThat(rt.liveWaiting()).isEqualTo(1);

        // the agent comes back: it takes the waiting call, which stops waiting in the same step
        board.move(TENANT, "shared", AgentState.READY, Actor.DESKTOP, T0.plusSeconds(3), null, null);
        Map<String, Coverage.Reading> before = coverage.read(queued, running, a -> null);
        assertThat(before.get(TENANT + "/" + S1).liveWaiting()).isEqualTo(1);
        Optional<Agent> taken = coverage.takeWaiting(rt, "call-1", T0.plusSeconds(3));
        assertThat(taken).map(Agent::agentId).contains("shared");
        assertThat(rt.liveWaiting()).isZero();
        assertThat(callsToPlace(coverage.read(queued, running, a -> null))).isZero();
    }
}
