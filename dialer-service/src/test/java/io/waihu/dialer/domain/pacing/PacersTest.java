package io.waihu.dialer.domain.pacing;

import io.waihu.events.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The pacers' hard rules, checked on many seeded random snapshots (no jqwik in this module). */
class PacersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
    private static final AnswerStats STATS = new AnswerStats(1000, 250, 0, 12, 20, 90, 15);

    private static PacingSnapshot snap(DialMode mode, int loggedIn, int ready, int busy, int wrap, int inFlight,
                                       int waiting, AbandonBudget budget) {
        return new PacingSnapshot(NOW, mode, loggedIn, ready, busy, wrap, inFlight, waiting, 10_000, STATS, budget,
                null, null, 0);
    }

    private static PacingSnapshot randomSnapshot(Random rnd, DialMode mode, AbandonBudget budget) {
        int loggedIn = 1 + rnd.nextInt(120);
        int ready = rnd.nextInt(loggedIn + 1);
        int busy = rnd.nextInt(loggedIn - ready + 1);
        int wrap = loggedIn - ready - busy;
        int inFlight = rnd.nextInt(3 * loggedIn + 1);
        int waiting = ready > 0 ? 0 : rnd.nextInt(4);
        long attempts = rnd.nextInt(5000);
        long humans = attempts == 0 ? 0 : rnd.nextLong(attempts + 1);
        AnswerStats stats = new AnswerStats(attempts, humans, 0, 4 + rnd.nextDouble() * 20, 2 + rnd.nextDouble() * 30,
                10 + rnd.nextDouble() * 300, rnd.nextDouble() * 60);
        int queued = rnd.nextInt(4) == 0 ? rnd.nextInt(10) : 10_000;
        return new PacingSnapshot(NOW, mode, loggedIn, ready, busy, wrap, inFlight, waiting, queued, stats, budget,
                null, null, 0);
    }

    private static AbandonBudget randomBudget(Random rnd) {
        long live = rnd.nextInt(20_000);
        long abandoned = live == 0 ? 0 : rnd.nextLong(Math.max(1, live / 20) + 1);
        return new AbandonBudget(live, Math.min(live, abandoned), 300);
    }

    @Test
    void previewNeverDialsOnItsOwn() {
        Random rnd = new Random(1);
        Pacer pacer = Pacers.forMode(DialMode.PREVIEW);
        for (int i = 0; i < 2_000; i++) {
            PacingDecision d = pacer.decide(randomSnapshot(rnd, DialMode.PREVIEW, randomBudget(rnd)));
            assertThat(d.callsToPlace()).isZero();
            assertThat(d.reason()).contains("preview");
        }
    }

    @Test
    void progressiveNeverOverDials() {
        Random rnd = new Random(2);
        Pacer pacer = Pacers.forMode(DialMode.PROGRESSIVE);
        for (int i = 0; i < 20_000; i++) {
            PacingSnapshot s = randomSnapshot(rnd, DialMode.PROGRESSIVE, randomBudget(rnd));
            PacingDecision d = pacer.decide(s);
            int uncovered = Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting());
            // every call placed has a ready agent that no other call is counting on
            assertThat(d.callsToPlace() + s.callsInFlight() + s.liveWaiting())
                    .isLessThanOrEqualTo(Math.max(s.readyAgents(), s.callsInFlight() + s.liveWaiting()));
            assertThat(d.callsToPlace()).isEqualTo(Math.min(uncovered, s.queuedRequests()));
        }
    }

    @Test
    void progressiveExplainsItself() {
        PacingDecision d = Pacers.forMode(DialMode.PROGRESSIVE)
                .decide(snap(DialMode.PROGRESSIVE, 10, 5, 3, 2, 2, 0, AbandonBudget.empty(300)));
        assertThat(d.callsToPlace()).isEqualTo(3);
        assertThat(d.reason()).isEqualTo("5 ready agents, 2 in flight ⇒ dial 3 (one per uncovered ready agent)");
        assertThat(d.inputs()).containsEntry("readyAgents", 5).containsEntry("callsInFlight", 2);
    }

    @Test
    void agentlessRespectsConcurrencyAndRateCaps() {
        Random rnd = new Random(3);
        Pacer pacer = Pacers.forMode(DialMode.AGENTLESS);
        for (int i = 0; i < 20_000; i++) {
            int maxConcurrent = 1 + rnd.nextInt(200);
            int maxCps = 1 + rnd.nextInt(50);
            int startedLastSecond = rnd.nextInt(60);
            int inFlight = rnd.nextInt(250);
            int queued = rnd.nextInt(500);
            boolean campaignCaps = rnd.nextBoolean();
            PacingSnapshot s = new PacingSnapshot(NOW, DialMode.AGENTLESS, 0, 0, 0, 0, inFlight, 0, queued, STATS,
                    AbandonBudget.empty(300), campaignCaps ? maxConcurrent : null, campaignCaps ? maxCps : null,
                    startedLastSecond);
            int n = pacer.decide(s).callsToPlace();
            int concurrent = campaignCaps ? maxConcurrent : PacingConfig.defaults().agentlessMaxConcurrent();
            int cps = campaignCaps ? maxCps : PacingConfig.defaults().agentlessMaxCallsPerSecond();
            assertThat(n).isLessThanOrEqualTo(Math.max(0, concurrent - inFlight));
            assertThat(n).isLessThanOrEqualTo(Math.max(0, cps - startedLastSecond));
            assertThat(n).isLessThanOrEqualTo(queued);
            assertThat(n).isEqualTo(Math.max(0, Math.min(Math.min(concurrent - inFlight, cps - startedLastSecond), queued)));
        }
    }

    @Test
    void campaignCapsBindEveryModeWithAgents() {
        PacingSnapshot s = new PacingSnapshot(NOW, DialMode.PREDICTIVE, 50, 40, 5, 5, 0, 0, 10_000, STATS,
                new AbandonBudget(5000, 10, 300), 20, 7, 2);
        for (DialMode mode : new DialMode[] {DialMode.PROGRESSIVE, DialMode.PREDICTIVE}) {
            PacingDecision d = Pacers.forMode(mode).decide(s);
            assertThat(d.callsToPlace()).as(mode.name()).isEqualTo(5); // 7/s cap minus 2 started
            assertThat(d.reason()).contains("capped at 7 calls/s");
        }
    }

    @Test
    void predictiveOverDialsWhenTheBudgetAllows() {
        // 20 agents, 4 ready, nothing in flight, 25 % answer: progressive would dial 4
        PacingSnapshot s = snap(DialMode.PREDICTIVE, 20, 4, 14, 2, 0, 0, new AbandonBudget(4000, 60, 300));
        PacingDecision d = Pacers.forMode(DialMode.PREDICTIVE).decide(s);
        assertThat(d.callsToPlace()).isGreaterThan(4);
        assertThat(d.reason()).startsWith("4 ready agents").contains("answer rate 0.25").contains("⇒ dial "
                + d.callsToPlace()).contains("abandon 1.50% of 3.00%");
        assertThat(d.inputs()).containsKeys("answerProbability", "alpha", "expectedFreeAgents", "expectedAbandonShare",
                "maxUncoveredCalls");
        assertThat((double) d.inputs().get("expectedAbandonShare")).isLessThanOrEqualTo((double) d.inputs().get("alpha"));
    }

    @Test
    void predictiveStopsOverDiallingAtTheLimit() {
        Random rnd = new Random(4);
        Pacer pacer = Pacers.forMode(DialMode.PREDICTIVE);
        Pacer relaxed = Pacers.forMode(DialMode.PREDICTIVE, PacingConfig.defaults().withStrictWorstCase(false));
        for (int i = 0; i < 5_000; i++) {
            long live = 100 + rnd.nextInt(10_000);
            long abandoned = (long) Math.ceil(live * 0.03) + rnd.nextInt(20); // at or over 3 %
            AbandonBudget atLimit = new AbandonBudget(live, Math.min(live, abandoned), 300);
            assertThat(atLimit.exhausted()).isTrue();
            PacingSnapshot s = randomSnapshot(rnd, DialMode.PREDICTIVE, atLimit);
            int progressive = Math.min(s.queuedRequests(),
                    Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting()));
            for (Pacer p : new Pacer[] {pacer, relaxed}) {
                PacingDecision d = p.decide(s);
                assertThat(d.callsToPlace()).isEqualTo(progressive);
                assertThat(d.inputs()).containsEntry("guard", "LIMIT_REACHED");
                assertThat(d.reason()).contains("at or over the limit ⇒ no over-dial");
            }
        }
    }

    @Test
    void strictPredictiveNeverHoldsMoreUncoveredCallsThanTheBudgetAbsorbs() {
        Random rnd = new Random(5);
        Pacer pacer = Pacers.forMode(DialMode.PREDICTIVE);
        for (int i = 0; i < 10_000; i++) {
            PacingSnapshot s = randomSnapshot(rnd, DialMode.PREDICTIVE, randomBudget(rnd));
            PacingDecision d = pacer.decide(s);
            int progressive = Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting());
            long uncoveredAfter = (long) s.liveWaiting() + s.callsInFlight() + d.callsToPlace() - s.readyAgents();
            if (d.callsToPlace() > progressive) {
                assertThat(uncoveredAfter).isLessThanOrEqualTo(
                        s.abandon().maxUncoveredCalls(s.readyAgents(), s.liveWaiting()));
                // the worst case itself: every call in flight answered, every uncovered one abandoned
                AbandonBudget b = s.abandon();
                long worstLive = b.liveAnswers() + s.callsInFlight() + d.callsToPlace();
                long worstAbandoned = b.abandoned() + uncoveredAfter;
                assertThat(worstAbandoned * 10_000).isLessThanOrEqualTo(300L * worstLive);
            }
            assertThat(d.callsToPlace()).isLessThanOrEqualTo(s.queuedRequests());
        }
    }

    @Test
    void predictiveWithoutAgentsDialsNothing() {
        PacingDecision d = Pacers.forMode(DialMode.PREDICTIVE)
                .decide(snap(DialMode.PREDICTIVE, 0, 0, 0, 0, 0, 0, AbandonBudget.empty(300)));
        assertThat(d.callsToPlace()).isZero();
        assertThat(d.reason()).contains("no agents logged in");
    }

    @Test
    void abandonBudgetArithmetic() {
        AbandonBudget b = new AbandonBudget(1000, 20, 300);
        assertThat(b.rate()).isEqualTo(0.02);
        assertThat(b.rateBasisPoints()).isEqualTo(200);
        assertThat(b.remainingAbandons()).isEqualTo(10);
        assertThat(b.exhausted()).isFalse();
        // K ≤ (0.03·(1000 + 5 − 0) − 20) / 0.97 = 10.15 / 0.97 = 10.46
        assertThat(b.maxUncoveredCalls(5, 0)).isEqualTo(10);
        assertThat(new AbandonBudget(1000, 30, 300).exhausted()).isTrue();
        assertThat(new AbandonBudget(1000, 30, 300).maxUncoveredCalls(0, 0)).isZero();
        assertThat(AbandonBudget.empty(300).exhausted()).isFalse();
        assertThat(AbandonBudget.empty(300).maxUncoveredCalls(0, 0)).isZero();
        assertThat(b.describe()).isEqualTo("2.00% of 3.00% (20 of 1000 live answers)");
    }

    @Test
    void fixedRatioOneIsProgressiveAndHigherRatiosOverDial() {
        PacingSnapshot s = snap(DialMode.PREDICTIVE, 20, 6, 12, 2, 3, 0, AbandonBudget.empty(300));
        assertThat(Pacers.fixedRatio(1.0).decide(s).callsToPlace()).isEqualTo(3);
        // round(2.0 × 18) − (3 in flight + 12 on call) = 21
        assertThat(Pacers.fixedRatio(2.0).decide(s).callsToPlace()).isEqualTo(21);
    }

    @Test
    void vicidialAdaptiveRaisesTheLevelWhileAgentsIdleAndHardLimitResetsIt() {
        VicidialAdaptivePacer pacer = new VicidialAdaptivePacer(
                VicidialAdaptivePacer.Config.defaults(VicidialAdaptivePacer.Method.HARD_LIMIT));
        for (int sec = 0; sec <= 30; sec++) {
            pacer.decide(new PacingSnapshot(NOW.plusSeconds(sec), DialMode.PREDICTIVE, 20, 10, 10, 0, 0, 0, 10_000,
                    STATS, new AbandonBudget(100, 1, 300), null, null, 0));
        }
        // two recalculations with k = 10/20 = 0.5: 1.0 → 1.5 → 2.25
        assertThat(pacer.level()).isEqualTo(2.25);
        for (int sec = 31; sec <= 45; sec++) {
            pacer.decide(new PacingSnapshot(NOW.plusSeconds(sec), DialMode.PREDICTIVE, 20, 10, 10, 0, 0, 0, 10_000,
                    STATS, new AbandonBudget(100, 4, 300), null, null, 0));
        }
        assertThat(pacer.level()).isEqualTo(1.0); // 4 % > 3 % after more than 50 live answers
    }

    @Test
    void taperedCutsByTheHoursLeftAsVicidialDoes() {
        VicidialAdaptivePacer.Config c = new VicidialAdaptivePacer.Config(VicidialAdaptivePacer.Method.TAPERED, 3.0,
                3.0, 0, 0, 2.0, 2100, ZoneOffset.UTC);
        VicidialAdaptivePacer pacer = new VicidialAdaptivePacer(c);
        Instant at1600 = ZonedDateTime.of(2026, 11, 26, 16, 0, 0, 0, ZoneOffset.UTC).toInstant();
        for (int sec = 0; sec <= 15; sec++) {
            // no idle agents, nobody waiting: k = 0, so only the guard acts; h = 2100 − 1600 = 500 ⇒ × 0.5
            pacer.decide(new PacingSnapshot(at1600.plusSeconds(sec), DialMode.PREDICTIVE, 20, 0, 20, 0, 0, 0, 10_000,
                    STATS, new AbandonBudget(100, 5, 300), null, null, 0));
        }
        assertThat(pacer.level()).isEqualTo(1.0); // 2.0 × 0.5, floored at 1.0
    }
}
