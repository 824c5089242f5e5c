package io.waihu.dialer.domain.pacing;

import io.waihu.events.campaign.DialMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** jqwik properties of the pacers over arbitrary campaign states (shrinks to a minimal counter-example). */
class PacerPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");

    @Provide
    Arbitrary<PacingSnapshot> snapshots() {
        Arbitrary<int[]> agents = Combinators.combine(Arbitraries.integers().between(0, 150),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000))
                .as((logged, a, b) -> {
                    int ready = logged == 0 ? 0 : a % (logged + 1);
                    int busy = logged - ready == 0 ? 0 : b % (logged - ready + 1);
                    return new int[] {logged, ready, busy, logged - ready - busy};
                });
        Arbitrary<AbandonBudget> budgets = Combinators.combine(Arbitraries.longs().between(0, 50_000),
                        Arbitraries.integers().between(0, 600), Arbitraries.integers().between(0, 500))
                .as((live, abandonedPer10k, limit) -> new AbandonBudget(live, live * abandonedPer10k / 10_000, limit));
        Arbitrary<AnswerStats> stats = Combinators.combine(Arbitraries.longs().between(0, 5000),
                        Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(1, 30),
                        Arbitraries.doubles().between(1, 40), Arbitraries.doubles().between(5, 400),
                        Arbitraries.doubles().between(0, 60))
                .as((n, p, ring, dud, talk, wrap) -> new AnswerStats(n, Math.round(n * p), 0, ring, dud, talk, wrap));
        return Combinators.combine(agents, Arbitraries.integers().between(0, 400),
                        Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000), budgets, stats)
                .as((a, inFlight, waiting, queued, budget, st) -> new PacingSnapshot(NOW, DialMode.PREDICTIVE, a[0],
                        a[1], a[2], a[3], inFlight, a[1] > 0 ? 0 : waiting, queued, st, budget, null, null, 0));
    }

    @Property(tries = 2000)
    void progressiveCoversEveryCallWithAReadyAgent(@ForAll("snapshots") PacingSnapshot s) {
        int n = Pacers.forMode(DialMode.PROGRESSIVE).decide(s).callsToPlace();
        assertThat(n).isLessThanOrEqualTo(Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting()));
    }

    @Property(tries = 2000)
    void predictiveNeverRisksMoreThanTheAbandonBudget(@ForAll("snapshots") PacingSnapshot s) {
        PacingDecision d = Pacers.forMode(DialMode.PREDICTIVE).decide(s);
        int progressive = Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting());
        AbandonBudget b = s.abandon();
        assertThat(d.callsToPlace()).isLessThanOrEqualTo(s.queuedRequests());
        if (b.exhausted()) {
            assertThat(d.callsToPlace()).isLessThanOrEqualTo(progressive);
        }
        if (d.callsToPlace() > progressive) {
            // worst case: every call in flight answered by a person, every call beyond the ready agents abandoned
            long uncovered = (long) s.liveWaiting() + s.callsInFlight() + d.callsToPlace() - s.readyAgents();
            long worstLive = b.liveAnswers() + s.callsInFlight() + d.callsToPlace();
            assertThat((b.abandoned() + uncovered) * 10_000).isLessThanOrEqualTo((long) b.limitBasisPoints() * worstLive);
        }
    }

    @Property(tries = 1000)
    void everyDecisionExplainsItsCount(@ForAll("snapshots") PacingSnapshot s) {
        for (DialMode mode : DialMode.values()) {
            PacingDecision d = Pacers.forMode(mode).decide(s);
            assertThat(d.reason()).isNotBlank();
            assertThat(d.inputs()).containsKey("mode");
            if (mode == DialMode.PROGRESSIVE || mode == DialMode.PREDICTIVE) {
                assertThat(d.reason()).contains("dial");
            }
        }
    }
}
