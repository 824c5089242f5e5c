package io.waihu.dialer.domain.simulation;

import io.waihu.dialer.domain.pacing.Pacers;
import io.waihu.dialer.domain.simulation.PacingSimulation.Result;
import io.waihu.dialer.domain.simulation.PacingSimulation.Scenario;
import io.waihu.events.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded end-to-end runs of the dialer's pacers in the simulator. */
class PacingSimulationTest {

    private static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 26, 9, 0, 0, 0,
            ZoneId.of("America/New_York"));

    private static Scenario reference(int agents, double hours, long seed) {
        return new Scenario(agents, Duration.ofSeconds(Math.round(hours * 3600)), CallProfile.reference(), seed, 300,
                START, DialMode.PREDICTIVE);
    }

    @Test
    void predictiveNeverLetsTheWindowAbandonRateExceedTheLimitOverMoreThan100kAttempts() {
        double[] worstSeenAtDecision = {0};
        Result r = new PacingSimulation(reference(100, 8, 42)).execute(Pacers.forMode(DialMode.PREDICTIVE),
                (snap, d) -> worstSeenAtDecision[0] = Math.max(worstSeenAtDecision[0], snap.abandon().rate()));
        assertThat(r.attempts()).isGreaterThanOrEqualTo(100_000);
        assertThat(r.abandoned()).isPositive(); // it does over-dial
        // checked right after every single abandon, not only at the end
        assertThat(r.maxWindowAbandonRate()).isLessThanOrEqualTo(0.03);
        assertThat(worstSeenAtDecision[0]).isLessThanOrEqualTo(0.03);
        assertThat(r.abandonRate()).isLessThanOrEqualTo(0.03);
        assertThat(r.occupancy()).isGreaterThan(0.85);
    }

    @Test
    void predictiveBeatsTheBestSafeFixedRatioOnTheReferenceScenario() {
        Result predictive = PacingSimulation.run(reference(20, 8, 42), Pacers.forMode(DialMode.PREDICTIVE));
        Result ratio14 = PacingSimulation.run(reference(20, 8, 42), Pacers.fixedRatio(1.4));
        Result ratio16 = PacingSimulation.run(reference(20, 8, 42), Pacers.fixedRatio(1.6));
        Result progressive = PacingSimulation.run(reference(20, 8, 42), Pacers.forMode(DialMode.PROGRESSIVE));
        assertThat(progressive.abandoned()).isZero();
        assertThat(ratio16.abandonRate()).isGreaterThan(0.03); // the cliff just above the safe ratios
        assertThat(predictive.maxWindowAbandonRate()).isLessThanOrEqualTo(0.03);
        assertThat(predictive.occupancy()).isGreaterThan(ratio14.occupancy());
        assertThat(predictive.occupancy()).isGreaterThan(progressive.occupancy() + 0.15);
    }

    @Test
    void sameSeedSameRun() {
        Result a = PacingSimulation.run(reference(20, 1, 7), Pacers.forMode(DialMode.PREDICTIVE));
        Result b = PacingSimulation.run(reference(20, 1, 7), Pacers.forMode(DialMode.PREDICTIVE));
        Result c = PacingSimulation.run(reference(20, 1, 8), Pacers.forMode(DialMode.PREDICTIVE));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void occupancyAndTalkAreConsistent() {
        Result r = PacingSimulation.run(reference(10, 2, 3), Pacers.forMode(DialMode.PROGRESSIVE));
        // talk is part of talk + wrap, so talk minutes per agent-hour stay under 60 × occupancy
        assertThat(r.talkMinutesPerAgentHour()).isLessThan(60 * r.occupancy());
        assertThat(r.talkMinutesPerAgentHour()).isGreaterThan(0);
        assertThat(r.decisions()).isEqualTo(2 * 3600 + 1);
        assertThat(r.humanAnswers()).isLessThan(r.attempts());
    }
}
