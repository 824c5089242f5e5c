package io.waihu.billing.domain.rating;

import io.waihu.billing.domain.rating.RatedCall.AdjustmentKind;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.UnratedReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.waihu.billing.domain.rating.TariffFixtures.d;
import static io.waihu.billing.domain.rating.TariffFixtures.v1;
import static io.waihu.billing.domain.rating.TariffFixtures.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-computed amounts; the arithmetic is in each comment. Instants are UTC; Shanghai is UTC+8. */
class RatingEngineTest {

    private final RatingEngine engine = new RatingEngine();
    // Monday 2026-11-23, 10:00 in Shanghai: peak
    private static final Instant MONDAY_10_LOCAL = Instant.parse("2026-11-23T02:00:00Z");

    private RatedCall rated(String number, Instant answeredAt, long seconds, TariffVersion... versions) {
        RatingOutcome outcome = engine.rate(new CallUsage(number, answeredAt.minusSeconds(5), answeredAt, seconds), List.of(versions));
        assertThat(outcome).isInstanceOf(RatedCall.class);
        return (RatedCall) outcome;
    }

    @Test
    void firstMinuteAsOneBlockThenPerSixSeconds() {
        // 95 s on 60/6 at 0.10/min: 60 s block = 0.10; 35 s -> 6 increments of 6 s = 36 s = 0.06; + connect 0.05 = 0.21
        RatedCall call = rated("13800138000", MONDAY_10_LOCAL, 95, v1());
        assertThat(call.cost()).isEqualByComparingTo("0.21");
        assertThat(call.destinationPrefix()).isEqualTo("86138");
        assertThat(call.destinationClass()).isEqualTo(DestinationClass.MOBILE);
        assertThat(call.e164()).isEqualTo("+8613800138000");
        assertThat(call.billedSeconds()).isEqualTo(96);
        assertThat(call.segments()).hasSize(2);
        assertThat(call.segments().get(0)).satisfies(s -> {
            assertThat(s.band()).isEqualTo("peak");
            assertThat(s.secondsUsed()).isEqualTo(60);
            assertThat(s.secondsBilled()).isEqualTo(60);
            assertThat(s.increments()).isEqualTo(1);
            assertThat(s.amount()).isEqualByComparingTo("0.1");
        });
        assertThat(call.segments().get(1)).satisfies(s -> {
            assertThat(s.rateGroup()).isEqualTo(2);
            assertThat(s.startSecond()).isEqualTo(60);
            assertThat(s.secondsUsed()).isEqualTo(35);
            assertThat(s.secondsBilled()).isEqualTo(36);
            assertThat(s.increments()).isEqualTo(6);
            assertThat(s.units()).isEqualByComparingTo("0.6");
            assertThat(s.amount()).isEqualByComparingTo("0.06");
        });
        assertThat(call.connectFee()).isEqualByComparingTo("0.05");
    }

    @Test
    void aShortCallPaysTheWholeFirstBlock() {
        // 30 s on 60/6: one 60 s block = 0.10 + connect 0.05 = 0.15
        assertThat(rated("+8613800138000", MONDAY_10_LOCAL, 30, v1()).cost()).isEqualByComparingTo("0.15");
    }

    @Test
    void unansweredAndZeroSecondCallsCostNothingNotEvenTheConnectFee() {
        RatingOutcome unanswered = engine.rate(new CallUsage("13800138000", MONDAY_10_LOCAL, null, 0), List.of(v1()));
        assertThat(((RatedCall) unanswered).cost()).isZero();
        assertThat(((RatedCall) unanswered).connectFee()).isZero();
        assertThat(rated("13800138000", MONDAY_10_LOCAL, 0, v1()).cost()).isZero();
    }

    @Test
    void nationalFormatsAreNormalisedBeforeTheLongestPrefixWins() {
        // Shenzhen landline dialled nationally with its trunk 0: +86 755 ... -> "86" (fixed), not "86138"
        RatedCall landline = rated("0755 8888 1234", MONDAY_10_LOCAL, 60, v1());
        assertThat(landline.e164()).isEqualTo("+8675588881234");
        assertThat(landline.destinationPrefix()).isEqualTo("86");
        // 60 s per second at 0.06/min = 0.06
        assertThat(landline.cost()).isEqualByComparingTo("0.06");
        assertThat(rated("0086 138 0013 8000", MONDAY_10_LOCAL, 60, v1()).destinationPrefix()).isEqualTo("86138");
        RatedCall abroad = rated("+1 415 555 0100", MONDAY_10_LOCAL, 61, v1());
        assertThat(abroad.destinationPrefix()).isEmpty();
        assertThat(abroad.destinationClass()).isEqualTo(DestinationClass.INTERNATIONAL);
        // 61 s per minute at 1.20 = 2 minutes = 2.40
        assertThat(abroad.cost()).isEqualByComparingTo("2.40");
        RatedCall premium = rated("+86 168 0000 0000", MONDAY_10_LOCAL, 1200, v1());
        assertThat(premium.destinationPrefix()).isEqualTo("86168");
    }

    @Test
    void theRangeOwnerIsReportedAsInformation() {
        RatedCall call = rated("13800138000", MONDAY_10_LOCAL, 10, v1());
        assertThat(call.numberType()).isEqualTo("MOBILE");
        assertThat(call.rangeCarrier()).isEqualTo("China Mobile");
    }

    @Test
    void aCallCrossingIntoOffPeakIsSplitAtTheBoundary() {
        // Monday 20:59:30 local, 120 s per second: 30 s peak at 0.06/min = 0.03; 90 s offpeak at 0.03/min = 0.045; 0.075
        RatedCall call = rated("075588881234", Instant.parse("2026-11-23T12:59:30Z"), 120, v1());
        assertThat(call.segments()).extracting(RatedCall.Segment::band).containsExactly("peak", "offpeak");
        assertThat(call.segments()).extracting(RatedCall.Segment::secondsBilled).containsExactly(30L, 90L);
        assertThat(call.cost()).isEqualByComparingTo("0.075");
    }

    @Test
    void anIncrementThatStraddlesTheBoundaryIsChargedWhereItStarted() {
        // per-minute international, 90 s from 20:59:30: 1st minute starts in peak (1.20),
        // 2nd minute starts 21:00:30 in offpeak (0.60): 1.80 for 120 billed seconds
        RatedCall call = rated("+14155550100", Instant.parse("2026-11-23T12:59:30Z"), 90, v1());
        assertThat(call.segments()).extracting(RatedCall.Segment::band).containsExactly("peak", "offpeak");
        assertThat(call.segments()).extracting(RatedCall.Segment::secondsUsed).containsExactly(60L, 30L);
        assertThat(call.billedSeconds()).isEqualTo(120);
        assertThat(call.cost()).isEqualByComparingTo("1.80");
    }

    @Test
    void graceSecondsMakeAShortCallFreeAndOnlyThat() {
        RatedCall free = rated("075588881234", MONDAY_10_LOCAL, 3, v1());
        assertThat(free.cost()).isZero();
        assertThat(free.adjustments()).extracting(RatedCall.Adjustment::kind).containsExactly(AdjustmentKind.GRACE);
        // 4 s at 0.06/min = 0.004 exactly
        assertThat(rated("075588881234", MONDAY_10_LOCAL, 4, v1()).cost()).isEqualByComparingTo("0.004");
    }

    @Test
    void minimumAndMaximumCostPerCall() {
        // 10 s at 0.50/min = 0.08333... < 1.00: raised to 1.00
        RatedCall shortCall = rated("+8616800000000", MONDAY_10_LOCAL, 10, v1());
        assertThat(shortCall.cost()).isEqualByComparingTo("1.00");
        assertThat(shortCall.adjustments()).extracting(RatedCall.Adjustment::kind).containsExactly(AdjustmentKind.MINIMUM_COST);
        assertThat(shortCall.adjustments().get(0).before()).isEqualByComparingTo("0.0833333333");
        // 3600 s at 0.50/min = 30.00 > 5.00: capped at 5.00
        RatedCall longCall = rated("+8616800000000", MONDAY_10_LOCAL, 3600, v1());
        assertThat(longCall.cost()).isEqualByComparingTo("5.00");
        assertThat(longCall.adjustments()).extracting(RatedCall.Adjustment::kind).containsExactly(AdjustmentKind.MAXIMUM_COST);
        assertThat(longCall.adjustments().get(0).before()).isEqualByComparingTo("30");
    }

    @Test
    void roundingHappensOnceOnTheExactTotal() {
        // 7 s at 0.03/min per second, offpeak (Monday 22:00 local): 7 x 0.03 / 60 = 0.0035 exactly -> HALF_UP 4 dp = 0.0035
        RatedCall exact = rated("075588881234", Instant.parse("2026-11-23T14:00:00Z"), 7, v1());
        assertThat(exact.cost()).isEqualByComparingTo("0.0035");
        assertThat(exact.adjustments()).isEmpty();
        // 11 s at 0.06/min = 0.011 exactly; 13 s = 0.013; 61 s at 0.03/min = 0.0305
        assertThat(rated("075588881234", MONDAY_10_LOCAL, 13, v1()).cost()).isEqualByComparingTo("0.013");
        // premium 70 s at 0.50/min = 0.583333... -> min 1.00; 130 s = 1.083333... -> HALF_UP 2 dp = 1.08, one rounding
        RatedCall premium = rated("+8616800000000", MONDAY_10_LOCAL, 130, v1());
        assertThat(premium.cost()).isEqualByComparingTo("1.08");
        assertThat(premium.adjustments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AdjustmentKind.ROUNDING);
            assertThat(a.before()).isEqualByComparingTo("1.0833333333");
            assertThat(a.after()).isEqualByComparingTo("1.08");
        });
    }

    @Test
    void perSecondBillingDoesNotDriftLikePerIncrementRounding() {
        // 0.05/min per second for 60 s is 0.05, not 60 x round(0.05/60) = 0.0498; an hour at 0.06/min is 3.60
        TariffVersion tariff = v1();
        assertThat(rated("075588881234", Instant.parse("2026-11-23T14:00:00Z"), 3600, tariff).cost())
                .isEqualByComparingTo("1.80"); // offpeak 0.03/min x 60 min
        assertThat(rated("075588881234", MONDAY_10_LOCAL, 3600, tariff).cost()).isEqualByComparingTo("3.60");
    }

    @Test
    void aCallCrossingATariffActivationIsSplitThere() {
        // v2 doubles national peak to 0.12/min from 10:00:30 local: 30 s x 0.06/60 = 0.03, 30 s x 0.12/60 = 0.06 -> 0.09
        Instant activation = MONDAY_10_LOCAL.plusSeconds(30);
        RatedCall call = rated("075588881234", MONDAY_10_LOCAL, 60, v1(), v2(activation));
        assertThat(call.segments()).extracting(RatedCall.Segment::tariffVersion).containsExactly(1, 2);
        assertThat(call.cost()).isEqualByComparingTo("0.09");
        assertThat(call.tariffVersion()).isEqualTo(1);
        // a call answered after the activation is rated by v2 alone: 60 s x 0.12/60 = 0.12
        assertThat(rated("075588881234", activation.plusSeconds(60), 60, v1(), v2(activation)).cost()).isEqualByComparingTo("0.12");
    }

    @Test
    void aTariffActivationInsideASecondIsPlacedToTheNanosecond() {
        // answered 400 ns after 10:00:00, v2 from 10:00:30 plus 900 ns: 30 s and 500 ns after the answer, so v1 prices
        // whole seconds 0..31 and v2 the rest: 31 s x 0.06/60 + 29 s x 0.12/60 = 0.031 + 0.058 = 0.089
        Instant answered = MONDAY_10_LOCAL.plusNanos(400);
        Instant activation = MONDAY_10_LOCAL.plusSeconds(30).plusNanos(900);
        RatedCall call = rated("075588881234", answered, 60, v1(), v2(activation));
        assertThat(call.segments()).extracting(RatedCall.Segment::tariffVersion).containsExactly(1, 2);
        assertThat(call.segments()).extracting(RatedCall.Segment::secondsBilled).containsExactly(31L, 29L);
        assertThat(call.cost()).isEqualByComparingTo("0.089");
        // the same activation 600 ns before the answer's fraction: 29.9999995 s away, so v1 prices 30 s and v2 30 s
        RatedCall earlier = rated("075588881234", MONDAY_10_LOCAL.plusNanos(1_400), 60, v1(), v2(activation));
        assertThat(earlier.segments()).extracting(RatedCall.Segment::secondsBilled).containsExactly(30L, 30L);
        assertThat(earlier.cost()).isEqualByComparingTo("0.09");
    }

    @Test
    void holidaysTakeTheHolidayBandInTheTariffsZone() {
        // 2026-10-01 is a Thursday; 10:00 local would be peak, but it is a holiday: 0.03/min -> 60 s = 0.03
        RatedCall call = rated("075588881234", Instant.parse("2026-10-01T02:00:00Z"), 60, v1());
        assertThat(call.startBand()).isEqualTo("holiday");
        assertThat(call.cost()).isEqualByComparingTo("0.03");
        // 2026-09-30 23:30 UTC is already Oct 1 07:30 in Shanghai: the zone decides, not UTC
        assertThat(rated("075588881234", Instant.parse("2026-09-30T23:30:00Z"), 60, v1()).startBand()).isEqualTo("holiday");
    }

    @Test
    void aSeventyTwoHourCallIsRatedInAFewSegments() {
        // from Monday 10:00 local for 72 h per second: bands peak 11 h -> offpeak 11 h -> peak 13 h -> ... each band
        // a segment; 72 h = Mon 10:00 .. Thu 10:00: peak 11+13+13 = 37 h, offpeak 11+11+11+2? computed below
        RatedCall call = rated("075588881234", MONDAY_10_LOCAL, 72 * 3600, v1());
        assertThat(call.segments()).hasSizeLessThan(10);
        long peak = call.segments().stream().filter(s -> s.band().equals("peak")).mapToLong(RatedCall.Segment::secondsBilled).sum();
        long off = call.segments().stream().filter(s -> s.band().equals("offpeak")).mapToLong(RatedCall.Segment::secondsBilled).sum();
        // Mon 10-21 (11 h), Tue 08-21 (13 h), Wed 08-21 (13 h), Thu 08-10 (2 h) = 39 h peak; 33 h offpeak
        assertThat(peak).isEqualTo(39 * 3600L);
        assertThat(off).isEqualTo(33 * 3600L);
        // 39 h x 60 x 0.06 = 140.40 ; 33 h x 60 x 0.03 = 59.40 ; 199.80
        assertThat(call.cost()).isEqualByComparingTo("199.80");
    }

    @Test
    void whatCannotBeRatedSaysWhy() {
        assertThat(engine.rate(new CallUsage("13800138000", Instant.parse("2025-06-01T00:00:00Z"),
                Instant.parse("2025-06-01T00:00:01Z"), 30), List.of(v1())))
                .isEqualTo(new UnratedCall(UnratedReason.NO_TARIFF, "no tariff version in force at 2025-06-01T00:00:01Z"));
        assertThat(engine.rate(new CallUsage("not a number", MONDAY_10_LOCAL, MONDAY_10_LOCAL, 30), List.of(v1())))
                .isInstanceOfSatisfying(UnratedCall.class, u -> assertThat(u.reason()).isEqualTo(UnratedReason.INVALID_NUMBER));
        TariffVersion chinaOnly = v2(TariffFixtures.V1_FROM);
        assertThat(engine.rate(new CallUsage("+14155550100", MONDAY_10_LOCAL, MONDAY_10_LOCAL, 30), List.of(chinaOnly)))
                .isInstanceOfSatisfying(UnratedCall.class, u -> assertThat(u.reason()).isEqualTo(UnratedReason.NO_DESTINATION));
    }

    @Test
    void bandsAreEvaluatedAcrossDaylightSavingInTheTariffsZone() {
        // New York, peak 09:00-17:00 every day. 2026-03-08 is the spring-forward day: 09:00 EDT = 13:00Z (not 14:00Z)
        BandCalendar ny = new BandCalendar(List.of(
                new TimeBand("night", EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY), 0, 9 * 3600),
                new TimeBand("day", EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY), 9 * 3600, 17 * 3600),
                new TimeBand("night", EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY), 17 * 3600, TimeBand.DAY)),
                Set.of(), ZoneId.of("America/New_York"));
        assertThat(ny.bandAt(Instant.parse("2026-03-08T12:59:59Z")).name()).isEqualTo("night");
        assertThat(ny.bandAt(Instant.parse("2026-03-08T13:00:00Z")).name()).isEqualTo("day");
        assertThat(ny.nextChange(Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
        // the day before, still EST: 09:00 = 14:00Z
        assertThat(ny.nextChange(Instant.parse("2026-03-07T06:00:00Z"), Instant.parse("2026-03-08T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-07T14:00:00Z"));
    }

    @Test
    void gapsAndOverlapsInBandsAreRefusedWithTheirTimes() {
        assertThat(BandCalendar.problems(List.of(
                new TimeBand("peak", EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY), 8 * 3600, 21 * 3600),
                new TimeBand("night", EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY), 20 * 3600, TimeBand.DAY)), Set.of()))
                .contains("MONDAY: no band from 00:00 to 08:00", "MONDAY: bands peak and night overlap from 20:00 to 21:00")
                .hasSize(14);
        assertThatThrownBy(() -> new DestinationRate(List.of(TariffFixtures.group(0, "0.1", 60, 60),
                TariffFixtures.group(30, "0.1", 60, 6)), d("0"), 0, 0, null, null, RoundingMethod.UP, 2))
                .hasMessageContaining("whole number of the previous group's 60 s increments");
    }
}
