package io.waihu.dialer.domain.simulation;

import io.waihu.events.dialer.CallDisposition;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CallOutcomeModelTest {

    private static final ZonedDateTime AT_11 = ZonedDateTime.of(2026, 11, 26, 11, 0, 0, 0,
            ZoneId.of("America/Chicago"));

    @Test
    void sameSeedSameOutcomes() {
        CallOutcomeModel a = new CallOutcomeModel(CallProfile.realistic(), 7);
        CallOutcomeModel b = new CallOutcomeModel(CallProfile.realistic(), 7);
        CallOutcomeModel c = new CallOutcomeModel(CallProfile.realistic(), 8);
        List<SimulatedOutcome> fromA = new ArrayList<>();
        List<SimulatedOutcome> fromB = new ArrayList<>();
        List<SimulatedOutcome> fromC = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            fromA.add(a.next(AT_11, "c1"));
            fromB.add(b.next(AT_11, "c1"));
            fromC.add(c.next(AT_11, "c1"));
        }
        assertThat(fromA).isEqualTo(fromB);
        assertThat(fromA).isNotEqualTo(fromC);
    }

    @Test
    void referenceFrequenciesAndTimesMatchTheProfile() {
        CallOutcomeModel m = new CallOutcomeModel(CallProfile.reference(), 42);
        int n = 200_000;
        Map<CallDisposition, Integer> counts = new EnumMap<>(CallDisposition.class);
        double talk = 0;
        double humanDialToAnswer = 0;
        for (int i = 0; i < n; i++) {
            SimulatedOutcome o = m.next(AT_11, null);
            counts.merge(o.disposition(), 1, Integer::sum);
            if (o.disposition() == CallDisposition.ANSWERED_HUMAN) {
                talk += o.talkTime().toNanos() / 1e9;
                double t = o.timeToAnswerOrEnd().toNanos() / 1e9;
                humanDialToAnswer += t;
                assertThat(t).isBetween(4.0, 20.0);
            }
            if (o.disposition() == CallDisposition.FAILED) {
                assertThat(o.postDialDelay().toMillis()).isBetween(2000L, 6000L);
                assertThat(o.ringTime()).isZero();
            }
            if (o.disposition() == CallDisposition.NO_ANSWER) {
                assertThat(o.ringTime().toSeconds()).isEqualTo(25);
            }
        }
        int humans = counts.getOrDefault(CallDisposition.ANSWERED_HUMAN, 0);
        assertThat(humans / (double) n).isCloseTo(0.25, within(0.005));
        assertThat(counts.getOrDefault(CallDisposition.FAILED, 0) / (double) n).isCloseTo(0.10, within(0.005));
        assertThat(counts.getOrDefault(CallDisposition.NO_ANSWER, 0) / (double) n).isCloseTo(0.65, within(0.005));
        assertThat(counts).doesNotContainKeys(CallDisposition.BUSY, CallDisposition.VOICEMAIL);
        assertThat(talk / humans).isCloseTo(90.0, within(1.5));       // Exp(90): se ≈ 0.4 s
        assertThat(humanDialToAnswer / humans).isCloseTo(12.0, within(0.2));
    }

    @Test
    void answerChanceFollowsTheCalleesLocalHourAndTheCarrier() {
        CallProfile p = CallProfile.realistic().withCarrier("spammy", new CarrierQuality(0.5, 0.10,
                Distribution.fixed(4)));
        CallOutcomeModel m = new CallOutcomeModel(p, 3);
        ZonedDateTime evening = AT_11.withHour(18);
        assertThat(m.humanAnswerProbability(evening, "x")).isEqualTo(0.30);
        assertThat(m.humanAnswerProbability(AT_11.withHour(3), "x")).isEqualTo(0.02);
        assertThat(m.humanAnswerProbability(evening, "spammy")).isEqualTo(0.15);
        int n = 100_000;
        int humansGood = 0;
        int humansBad = 0;
        int failedBad = 0;
        int voicemail = 0;
        int busy = 0;
        for (int i = 0; i < n; i++) {
            SimulatedOutcome good = m.next(evening, "any");
            SimulatedOutcome bad = m.next(evening, "spammy");
            humansGood += good.disposition() == CallDisposition.ANSWERED_HUMAN ? 1 : 0;
            voicemail += good.disposition() == CallDisposition.VOICEMAIL ? 1 : 0;
            busy += good.disposition() == CallDisposition.BUSY ? 1 : 0;
            humansBad += bad.disposition() == CallDisposition.ANSWERED_HUMAN ? 1 : 0;
            failedBad += bad.disposition() == CallDisposition.FAILED ? 1 : 0;
            if (bad.disposition() == CallDisposition.ANSWERED_HUMAN) {
                assertThat(bad.postDialDelay().toSeconds()).isEqualTo(4);
            }
        }
        assertThat(humansGood / (double) n).isCloseTo(0.30, within(0.006));
        assertThat(voicemail / (double) n).isCloseTo(0.15, within(0.006));
        assertThat(busy / (double) n).isCloseTo(0.05, within(0.004));
        assertThat(humansBad / (double) n).isCloseTo(0.15, within(0.006));
        assertThat(failedBad / (double) n).isCloseTo(0.14, within(0.006));
    }

    @Test
    void lognormalTalkHasTheConfiguredMeanAndSpread() {
        CallOutcomeModel m = new CallOutcomeModel(CallProfile.reference().withHumanAnswerRatio(0.9)
                .withTalkTime(Distribution.lognormal(120, 80)), 11);
        double sum = 0;
        double sumSq = 0;
        int k = 0;
        for (int i = 0; i < 200_000; i++) {
            SimulatedOutcome o = m.next(AT_11, null);
            if (o.disposition() == CallDisposition.ANSWERED_HUMAN) {
                double t = o.talkTime().toNanos() / 1e9;
                sum += t;
                sumSq += t * t;
                k++;
            }
        }
        double mean = sum / k;
        double sd = Math.sqrt(sumSq / k - mean * mean);
        assertThat(mean).isCloseTo(120, within(1.5));
        assertThat(sd).isCloseTo(80, within(3.0));
    }

    @Test
    void overridesChangeSingleFieldsAndRejectNonsense() {
        CallProfile p = CallProfile.reference().withOverrides(Map.of("human", "0.4", "talk", "lognormal:60:30",
                "wrap", "fixed:10", "carrier.cheap", "0.8:0.05:uniform:3:6", "voicemail", "0.1"));
        assertThat(p.humanAnswerByHour()).containsOnly(0.4);
        assertThat(p.talkTime()).isEqualTo(Distribution.lognormal(60, 30));
        assertThat(p.wrapTime()).isEqualTo(Distribution.fixed(10));
        assertThat(p.voicemailProbability()).isEqualTo(0.1);
        assertThat(p.carrier("cheap")).isEqualTo(new CarrierQuality(0.8, 0.05, Distribution.uniform(3, 6)));
        assertThat(p.failedProbability()).isEqualTo(0.10); // untouched
        assertThatThrownBy(() -> CallProfile.reference().withOverrides(Map.of("colour", "blue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> CallProfile.reference().withOverrides(Map.of("talk", "gamma:1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallProfile.reference().withOverrides(Map.of("voicemail", "0.6", "busy", "0.5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallProfile.reference().withHumanAnswerByHour(List.of(0.2, 0.3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24");
    }

    @Test
    void calleesDeclineByLocalHourAfterRingingAndNothingIsConnected() {
        // realistic: 3 % decline at 11:00 callee-local, 2 % at 20:00
        CallOutcomeModel m = new CallOutcomeModel(CallProfile.realistic(), 603);
        ZonedDateTime at20 = AT_11.withHour(20);
        int n = 200_000;
        int rejectedAt11 = 0;
        int rejectedAt20 = 0;
        for (int i = 0; i < n; i++) {
            for (ZonedDateTime at : List.of(AT_11, at20)) {
                SimulatedOutcome o = m.next(at, "c1");
                if (o.disposition() != CallDisposition.REJECTED) {
                    continue;
                }
                if (at == AT_11) {
                    rejectedAt11++;
                } else {
                    rejectedAt20++;
                }
                // it rang 3-10 s after the post-dial delay, and nobody talked
                assertThat(o.ringTime().toMillis()).isBetween(3000L, 10_000L);
                assertThat(o.talkTime()).isZero();
                assertThat(o.answered()).isFalse();
            }
        }
        assertThat(rejectedAt11 / (double) n).isCloseTo(0.03, within(0.002));
        assertThat(rejectedAt20 / (double) n).isCloseTo(0.02, within(0.002));
        // the reference scenario has no declines, so its figures are unchanged
        CallOutcomeModel ref = new CallOutcomeModel(CallProfile.reference(), 603);
        for (int i = 0; i < 50_000; i++) {
            assertThat(ref.next(AT_11, null).disposition()).isNotEqualTo(CallDisposition.REJECTED);
        }
    }

    @Test
    void declinesAreConfigurablePerHourAndSeeded() {
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(h == 11 ? "1.0" : "0");
        }
        CallProfile p = CallProfile.reference().withOverrides(Map.of("failed", "0", "rejected.by-hour", String.join(",", hours),
                "reject-time", "fixed:4"));
        CallOutcomeModel m = new CallOutcomeModel(p, 1);
        for (int i = 0; i < 1000; i++) {
            SimulatedOutcome o = m.next(AT_11, null);
            assertThat(o.disposition()).isEqualTo(CallDisposition.REJECTED);
            assertThat(o.ringTime()).isEqualTo(java.time.Duration.ofSeconds(4));
            assertThat(m.next(AT_11.withHour(12), null).disposition()).isNotEqualTo(CallDisposition.REJECTED);
        }
        assertThat(m.humanAnswerProbability(AT_11, null)).isZero();
        assertThat(CallProfile.reference().withOverrides(Map.of("rejected", "0.05")).rejectedByHour()).containsOnly(0.05);
        // rejected + failed (0.10) + voicemail + busy may not pass 1
        assertThatThrownBy(() -> CallProfile.reference().withOverrides(Map.of("rejected", "0.95")))
                .isInstanceOf(IllegalArgumentException.class);
        CallOutcomeModel a = new CallOutcomeModel(CallProfile.realistic(), 9);
        CallOutcomeModel b = new CallOutcomeModel(CallProfile.realistic(), 9);
        for (int i = 0; i < 5000; i++) {
            assertThat(a.next(AT_11, "c1")).isEqualTo(b.next(AT_11, "c1"));
        }
    }
}
