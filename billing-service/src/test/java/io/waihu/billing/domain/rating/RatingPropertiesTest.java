package io.waihu.billing.domain.rating;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the engine over random calls on the fixture tariff (with and without a version change). */
class RatingPropertiesTest {

    private static final RatingEngine ENGINE = new RatingEngine();
    private static final TariffVersion V1 = TariffFixtures.v1();
    private static final List<TariffVersion> VERSIONS = List.of(V1, TariffFixtures.v2Complete(Instant.parse("2026-11-25T00:00:00Z")));
    /** numbers that hit the mobile, fixed, premium and catch-all destinations */
    private static final List<String> NUMBERS = List.of("13800138000", "075588881234", "+8616800000000", "+14155550100");

    @Provide
    Arbitrary<Instant> answeredAt() {
        // two weeks around the fixture's version change and a holiday-free stretch, at any second
        return Arbitraries.longs().between(0, 14L * 86_400).map(s -> Instant.parse("2026-11-18T00:00:00Z").plusSeconds(s));
    }

    @Provide
    Arbitrary<String> number() {
        return Arbitraries.of(NUMBERS);
    }

    private static RatedCall rate(String number, Instant answeredAt, long seconds) {
        return (RatedCall) ENGINE.rate(new CallUsage(number, answeredAt, answeredAt, seconds), VERSIONS);
    }

    @Property(tries = 400)
    void withoutAMaximumCostTheCostNeverFallsAsTheCallGrowsLonger(@ForAll("number") String number,
                                                                   @ForAll("answeredAt") Instant answeredAt,
                                                                   @ForAll @LongRange(min = 0, max = 20_000) long seconds,
                                                                   @ForAll @LongRange(min = 1, max = 600) long more) {
        if (number.startsWith("+86168")) {
            return; // the premium destination has a maximum cost: capped calls stay flat, and that is allowed
        }
        BigDecimal shorter = rate(number, answeredAt, seconds).cost();
        BigDecimal longer = rate(number, answeredAt, seconds + more).cost();
        assertThat(longer).isGreaterThanOrEqualTo(shorter);
    }

    @Property(tries = 400)
    void roundingHappensOnceOnTheExactSumOfTheBreakdown(@ForAll("number") String number,
                                                        @ForAll("answeredAt") Instant answeredAt,
                                                        @ForAll @LongRange(min = 0, max = 50_000) long seconds) {
        RatedCall call = rate(number, answeredAt, seconds);
        // recompute from the breakdown at 30 decimals: connect fee + sum(secondsBilled x rate / unit)
        BigDecimal exact = call.connectFee();
        for (RatedCall.Segment s : call.segments()) {
            exact = exact.add(s.ratePerUnit().multiply(BigDecimal.valueOf(s.secondsBilled()))
                    .divide(BigDecimal.valueOf(s.unitSeconds()), 30, RoundingMode.HALF_EVEN));
        }
        DestinationRate callRate = RatingEngine.versionAt(VERSIONS, answeredAt).match(call.e164().substring(1)).ratesByBand().get(call.startBand());
        if (call.segments().isEmpty()) {
            assertThat(call.cost()).isZero();
            return;
        }
        if (callRate.minimumCost() != null && exact.compareTo(callRate.minimumCost()) < 0) {
            exact = callRate.minimumCost();
        }
        if (callRate.maximumCost() != null && exact.compareTo(callRate.maximumCost()) > 0) {
            exact = callRate.maximumCost();
        }
        BigDecimal once = exact.setScale(callRate.decimals(), callRate.rounding().mode());
        assertThat(call.cost()).isEqualByComparingTo(once);
        assertThat(call.cost().scale()).isLessThanOrEqualTo(callRate.decimals());
        // billed time covers the call, and every segment's billed seconds are whole increments
        assertThat(call.billedSeconds()).isGreaterThanOrEqualTo(seconds > 3 || !number.equals("075588881234") ? seconds : 0);
        assertThat(call.segments()).allSatisfy(s -> assertThat(s.secondsBilled() % s.incrementSeconds()).isZero());
        assertThat(call.segments().stream().mapToLong(RatedCall.Segment::secondsUsed).sum())
                .isEqualTo(call.segments().isEmpty() ? 0 : seconds);
    }
}
