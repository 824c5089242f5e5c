package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.waihu.billing.domain.rating.DayKind.FRIDAY;
import static io.waihu.billing.domain.rating.DayKind.MONDAY;
import static io.waihu.billing.domain.rating.DayKind.SATURDAY;
import static io.waihu.billing.domain.rating.DayKind.SUNDAY;

/**
 * A China Mobile-like tariff in Asia/Shanghai, CNY. Bands: peak Mon–Fri 08:00–21:00, offpeak Mon–Fri the rest,
 * weekend Sat–Sun, holiday on 2026-10-01.
 */
final class TariffFixtures {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");
    static final LocalDate NATIONAL_DAY = LocalDate.of(2026, 10, 1);
    static final Instant V1_FROM = Instant.parse("2026-01-01T00:00:00Z");

    private TariffFixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static RateGroup group(int start, String rate, int unit, int increment) {
        return new RateGroup(start, d(rate), unit, increment);
    }

    static DestinationRate rate(List<RateGroup> groups, String connectFee) {
        return new DestinationRate(groups, d(connectFee), 0, 0, null, null, RoundingMethod.HALF_UP, 4);
    }

    static BandCalendar calendar() {
        Set<DayKind> weekdays = EnumSet.range(MONDAY, FRIDAY);
        return new BandCalendar(List.of(
                new TimeBand("offpeak", weekdays, 0, 8 * 3600),
                new TimeBand("peak", weekdays, 8 * 3600, 21 * 3600),
                new TimeBand("offpeak", weekdays, 21 * 3600, TimeBand.DAY),
                new TimeBand("weekend", EnumSet.of(SATURDAY, SUNDAY), 0, TimeBand.DAY),
                new TimeBand("holiday", EnumSet.of(DayKind.HOLIDAY), 0, TimeBand.DAY)),
                Set.of(NATIONAL_DAY), SHANGHAI);
    }

    static Map<String, DestinationRate> allBands(DestinationRate peak, DestinationRate other) {
        return Map.of("peak", peak, "offpeak", other, "weekend", other, "holiday", other);
    }

    /** Version 1 of the fixture tariff. */
    static TariffVersion v1() {
        return v1Like(1, V1_FROM, "0.06");
    }

    /** A complete version 2 from {@code from}: like version 1, with national peak at 0.09/min. */
    static TariffVersion v2Complete(Instant from) {
        return v1Like(2, from, "0.09");
    }

    private static TariffVersion v1Like(int version, Instant from, String nationalPeakPerMinute) {
        // mobile 138: first 60 s as one block, then per 6 s, 0.10/min, connect fee 0.05
        DestinationRate mobilePeak = rate(List.of(group(0, "0.10", 60, 60), group(60, "0.10", 60, 6)), "0.05");
        DestinationRate mobileOff = rate(List.of(group(0, "0.05", 60, 60), group(60, "0.05", 60, 6)), "0.05");
        // national fixed lines: per second, 0.06/min peak, 0.03/min otherwise; 3 s grace
        DestinationRate nationalPeak = new DestinationRate(List.of(group(0, nationalPeakPerMinute, 60, 1)), d("0.00"), 0, 3, null, null,
                RoundingMethod.HALF_UP, 4);
        DestinationRate nationalOff = new DestinationRate(List.of(group(0, "0.03", 60, 1)), d("0.00"), 0, 3, null, null,
                RoundingMethod.HALF_UP, 4);
        // premium: 0.50/min per second, at least 1.00 and at most 5.00 a call
        DestinationRate premium = new DestinationRate(List.of(group(0, "0.50", 60, 1)), d("0"), 0, 0, d("1.00"), d("5.00"),
                RoundingMethod.HALF_UP, 2);
        // everything else (international): per minute, 1.20 peak, 0.60 otherwise
        DestinationRate worldPeak = rate(List.of(group(0, "1.20", 60, 60)), "0");
        DestinationRate worldOff = rate(List.of(group(0, "0.60", 60, 60)), "0");
        return TariffVersion.of("tariff-cm", "carrier-cm", version, CNY, "CN", from, calendar(), List.of(
                new Destination("86138", "China Mobile 138", DestinationClass.MOBILE, allBands(mobilePeak, mobileOff)),
                new Destination("86", "China fixed", DestinationClass.NATIONAL, allBands(nationalPeak, nationalOff)),
                new Destination("86168", "Premium 168", DestinationClass.PREMIUM, allBands(premium, premium)),
                new Destination("", "Rest of world", DestinationClass.INTERNATIONAL, allBands(worldPeak, worldOff))));
    }

    /** Version 2: national fixed lines double, from the given instant. */
    static TariffVersion v2(Instant from) {
        DestinationRate nationalPeak = new DestinationRate(List.of(group(0, "0.12", 60, 1)), d("0"), 0, 3, null, null,
                RoundingMethod.HALF_UP, 4);
        return TariffVersion.of("tariff-cm", "carrier-cm", 2, CNY, "CN", from, calendar(), List.of(
                new Destination("86", "China fixed", DestinationClass.NATIONAL, allBands(nationalPeak, nationalPeak))));
    }
}
