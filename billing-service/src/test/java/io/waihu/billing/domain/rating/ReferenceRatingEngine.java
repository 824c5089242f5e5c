package io.waihu.billing.domain.rating;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.billing.domain.rating.RatedCall.Adjustment;
import io.waihu.billing.domain.rating.RatedCall.AdjustmentKind;
import io.waihu.billing.domain.rating.RatedCall.Segment;
import io.waihu.events.billing.UnratedReason;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rating engine as it was before the fast path (commit feb52ae), kept verbatim in its logic as the oracle of
 * {@link RatingEquivalenceTest}: libphonenumber on every call, no cache; a prefix lookup by trying every prefix length
 * in a hash map; band lookups through {@link ZonedDateTime}; amounts as BigDecimal fractions.
 */
final class ReferenceRatingEngine {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();

    /** Per version: prefix → destination, built once (identity of the version record is enough in a test). */
    private final Map<TariffVersion, Map<String, Destination>> prefixes = new java.util.IdentityHashMap<>();

    RatingOutcome rate(CallUsage call, List<TariffVersion> versions) {
        Instant start = call.answeredAt() != null ? call.answeredAt() : call.startedAt();
        TariffVersion first = versionAt(versions, start);
        if (first == null) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "no tariff version in force at " + start);
        }
        NumberNormalizer.Normalized number;
        try {
            number = normalize(call.number(), first.defaultRegion());
        } catch (IllegalArgumentException e) {
            return new UnratedCall(UnratedReason.INVALID_NUMBER, e.getMessage());
        }
        return rate(number, call, versions);
    }

    RatingOutcome rate(NumberNormalizer.Normalized number, CallUsage call, List<TariffVersion> versions) {
        Instant start = call.answeredAt() != null ? call.answeredAt() : call.startedAt();
        TariffVersion first = versionAt(versions, start);
        if (first == null) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "no tariff version in force at " + start);
        }
        Destination destination = match(first, number.digits());
        if (destination == null) {
            return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + first.tariffId() + " v" + first.version()
                    + " has no destination for " + number.e164());
        }
        TimeBand startBand = bandAt(first.calendar(), start);
        DestinationRate callRate = destination.ratesByBand().get(startBand.name());
        if (callRate == null) {
            return new UnratedCall(UnratedReason.NO_RATE_FOR_BAND, "destination " + destination.prefix() + " has no rate in band "
                    + startBand.name() + " of tariff " + first.tariffId() + " v" + first.version());
        }
        String currency = first.currency().getCurrencyCode();
        if (!call.charged()) {
            return zeroCost(call, first, number, destination, startBand, currency, "unanswered or 0 s: no charge");
        }
        if (call.billableSeconds() <= callRate.freeSeconds()) {
            RatedCall free = zeroCost(call, first, number, destination, startBand, currency,
                    "within the " + callRate.freeSeconds() + " s grace period: no charge");
            return withAdjustments(free, List.of(new Adjustment(AdjustmentKind.GRACE, null, BigDecimal.ZERO,
                    call.billableSeconds() + " s ≤ " + callRate.freeSeconds() + " free seconds")));
        }

        long usage = call.billableSeconds();
        long billable = Math.max(usage, callRate.minimumBilledSeconds());
        Instant answered = call.answeredAt();
        List<Segment> segments = new ArrayList<>();
        Fraction subtotal = Fraction.of(callRate.connectFee());
        long offset = 0;
        while (offset < billable) {
            Instant at = answered.plusSeconds(offset);
            TariffVersion version = versionAt(versions, at);
            Destination dest = version == first ? destination : match(version, number.digits());
            if (dest == null) {
                return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + version.tariffId() + " v" + version.version()
                        + ", in force from " + version.effectiveFrom() + ", has no destination for " + number.e164());
            }
            if (!version.currency().equals(first.currency())) {
                return new UnratedCall(UnratedReason.OTHER, "tariff versions " + first.version() + " and " + version.version()
                        + " differ in currency; a call cannot mix them");
            }
            TimeBand band = bandAt(version.calendar(), at);
            DestinationRate rate = dest.ratesByBand().get(band.name());
            if (rate == null) {
                return new UnratedCall(UnratedReason.NO_RATE_FOR_BAND, "destination " + dest.prefix() + " has no rate in band "
                        + band.name() + " of tariff " + version.tariffId() + " v" + version.version());
            }
            int groupIndex = rate.groupIndexAt(offset);
            RateGroup group = rate.groups().get(groupIndex);

            long end = billable;
            if (groupIndex + 1 < rate.groups().size()) {
                end = Math.min(end, rate.groups().get(groupIndex + 1).startSecond());
            }
            Instant horizon = answered.plusSeconds(end);
            Instant bandChange = nextChange(version.calendar(), at, horizon);
            if (bandChange != null) {
                end = Math.min(end, secondsBetween(answered, bandChange));
            }
            Instant nextVersion = nextActivation(versions, at);
            if (nextVersion != null && nextVersion.isBefore(horizon)) {
                end = Math.min(end, secondsBetween(answered, nextVersion));
            }
            end = Math.max(end, offset + 1);

            long increments = ceilDiv(end - offset, group.incrementSeconds());
            long billed = increments * group.incrementSeconds();
            long used = Math.max(0, Math.min(offset + billed, usage) - offset);
            Fraction amount = Fraction.fraction(group.ratePerUnit().multiply(BigDecimal.valueOf(billed)), group.unitSeconds());
            subtotal = subtotal.plus(amount);
            segments.add(new Segment(version.version(), band.name(), groupIndex + 1,
                    group.ratePerUnit().toPlainString() + "/" + group.unitSeconds() + "s in " + group.incrementSeconds()
                            + "s steps from " + group.startSecond() + "s",
                    offset, used, billed, increments, group.ratePerUnit(), group.unitSeconds(), group.incrementSeconds(),
                    Fraction.fraction(BigDecimal.valueOf(billed), group.unitSeconds()).display(), amount.display()));
            offset += billed;
        }

        List<Adjustment> adjustments = new ArrayList<>();
        Fraction adjusted = subtotal;
        if (callRate.minimumCost() != null && subtotal.compareTo(callRate.minimumCost()) < 0) {
            adjustments.add(new Adjustment(AdjustmentKind.MINIMUM_COST, subtotal.display(), callRate.minimumCost(),
                    "raised to the minimum cost per call"));
            adjusted = Fraction.of(callRate.minimumCost());
        }
        if (callRate.maximumCost() != null && adjusted.compareTo(callRate.maximumCost()) > 0) {
            adjustments.add(new Adjustment(AdjustmentKind.MAXIMUM_COST, adjusted.display(), callRate.maximumCost(),
                    "capped at the maximum cost per call"));
            adjusted = Fraction.of(callRate.maximumCost());
        }
        BigDecimal cost = adjusted.rounded(callRate.decimals(), callRate.rounding().mode());
        if (adjusted.compareTo(cost) != 0) {
            adjustments.add(new Adjustment(AdjustmentKind.ROUNDING, adjusted.display(), cost,
                    callRate.rounding() + " to " + callRate.decimals() + " decimals"));
        }
        return new RatedCall(first.tariffId(), first.version(), currency, number.e164(), number.type(), number.rangeCarrier(),
                destination.prefix(), destination.name(), destination.destinationClass(), startBand.name(), usage,
                segments.stream().mapToLong(Segment::secondsBilled).sum(), segments, callRate.connectFee(),
                subtotal.display(), adjustments, cost, null);
    }

    /** The normaliser without the cache: libphonenumber on every call. */
    static NumberNormalizer.Normalized normalize(String dialled, String defaultRegion) {
        if (dialled == null || dialled.isBlank()) {
            throw new IllegalArgumentException("no number");
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(dialled, defaultRegion == null ? "ZZ" : defaultRegion);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + dialled + "' is not a phone number: " + e.getMessage());
        }
        if (!PHONES.isPossibleNumber(number)) {
            throw new IllegalArgumentException("'" + dialled + "' cannot be a phone number in its region");
        }
        String e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        // the reading's E.164 must read as itself: every number is read again until it does (the product does this
        // only for numbers of no known type, on the grounds that the others are stable; this checks that)
        for (int step = 0; step < 3; step++) {
            PhoneNumber again;
            try {
                again = PHONES.parse(e164, "ZZ");
            } catch (NumberParseException e) {
                break;
            }
            String againE164 = PHONES.format(again, PhoneNumberUtil.PhoneNumberFormat.E164);
            if (!PHONES.isPossibleNumber(again) || againE164.equals(e164)) {
                break;
            }
            number = again;
            e164 = againE164;
        }
        PhoneNumberType type = PHONES.getNumberType(number);
        boolean rangeOwner = type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE
                || type == PhoneNumberType.PAGER;
        String carrier = rangeOwner ? CARRIERS.getNameForValidNumber(number, Locale.ENGLISH) : null;
        return new NumberNormalizer.Normalized(e164, type.name(), carrier == null || carrier.isEmpty() ? null : carrier);
    }

    /** Longest prefix by brute force: every length from the longest down to the catch-all. */
    private Destination match(TariffVersion version, String digits) {
        Map<String, Destination> byPrefix = prefixes.computeIfAbsent(version, v -> {
            Map<String, Destination> map = new HashMap<>();
            for (Destination d : v.destinations()) {
                map.put(d.prefix(), d);
            }
            return map;
        });
        int usable = 0;
        while (usable < digits.length() && digits.charAt(usable) >= '0' && digits.charAt(usable) <= '9') {
            usable++;
        }
        for (int length = Math.min(usable, 15); length >= 0; length--) {
            Destination found = byPrefix.get(digits.substring(0, length));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static TimeBand bandAt(BandCalendar calendar, Instant instant) {
        ZonedDateTime local = instant.atZone(calendar.zone());
        LocalDate date = local.toLocalDate();
        DayKind day = calendar.holidays().contains(date) ? DayKind.HOLIDAY : DayKind.of(date.getDayOfWeek());
        int second = local.toLocalTime().toSecondOfDay();
        for (TimeBand band : calendar.bands()) {
            if (band.days().contains(day) && second >= band.fromSecond() && second < band.toSecond()) {
                return band;
            }
        }
        throw new IllegalStateException("validated calendar has no band for " + local);
    }

    static Instant nextChange(BandCalendar calendar, Instant from, Instant horizon) {
        String name = bandAt(calendar, from).name();
        Instant cursor = from;
        for (int guard = 0; guard < 100_000 && cursor.isBefore(horizon); guard++) {
            ZonedDateTime local = cursor.atZone(calendar.zone());
            TimeBand current = bandAt(calendar, cursor);
            Instant edge;
            if (current.toSecond() >= TimeBand.DAY) {
                edge = local.toLocalDate().plusDays(1).atStartOfDay(calendar.zone()).toInstant();
            } else {
                edge = ZonedDateTime.of(local.toLocalDate(), LocalTime.ofSecondOfDay(current.toSecond()), calendar.zone()).toInstant();
            }
            if (!edge.isAfter(cursor)) {
                edge = cursor.plusSeconds(1);
            }
            if (!edge.isBefore(horizon)) {
                return null;
            }
            if (!bandAt(calendar, edge).name().equals(name)) {
                return edge;
            }
            cursor = edge;
        }
        return null;
    }

    private static RatedCall zeroCost(CallUsage call, TariffVersion version, NumberNormalizer.Normalized number,
                                      Destination destination, TimeBand band, String currency, String note) {
        return new RatedCall(version.tariffId(), version.version(), currency, number.e164(), number.type(),
                number.rangeCarrier(), destination.prefix(), destination.name(), destination.destinationClass(),
                band.name(), call.billableSeconds(), 0, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, List.of(),
                BigDecimal.ZERO, note);
    }

    private static RatedCall withAdjustments(RatedCall call, List<Adjustment> adjustments) {
        return new RatedCall(call.tariffId(), call.tariffVersion(), call.currency(), call.e164(), call.numberType(),
                call.rangeCarrier(), call.destinationPrefix(), call.destinationName(), call.destinationClass(),
                call.startBand(), call.billableSeconds(), call.billedSeconds(), call.segments(), call.connectFee(),
                call.subtotal(), adjustments, call.cost(), call.note());
    }

    static TariffVersion versionAt(List<TariffVersion> versions, Instant at) {
        TariffVersion found = null;
        for (TariffVersion v : versions) {
            if (!v.effectiveFrom().isAfter(at) && (found == null || v.effectiveFrom().isAfter(found.effectiveFrom()))) {
                found = v;
            }
        }
        return found;
    }

    private static Instant nextActivation(List<TariffVersion> versions, Instant after) {
        Instant next = null;
        for (TariffVersion v : versions) {
            if (v.effectiveFrom().isAfter(after) && (next == null || v.effectiveFrom().isBefore(next))) {
                next = v.effectiveFrom();
            }
        }
        return next;
    }

    private static long secondsBetween(Instant a, Instant b) {
        // exact to the nanosecond: in milliseconds, a version from 30.0000009 s after an answer at 0.0000004 s was
        // 30 s away, not 31, and the call got a one-second segment of the old version after the first one
        long seconds = b.getEpochSecond() - a.getEpochSecond();
        return b.getNano() > a.getNano() ? seconds + 1 : seconds;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The old ExactAmount: a BigDecimal numerator over a whole denominator. */
    private record Fraction(BigDecimal numerator, long denominator) {

        static Fraction of(BigDecimal value) {
            return new Fraction(value, 1);
        }

        static Fraction fraction(BigDecimal numerator, long denominator) {
            return new Fraction(numerator, denominator);
        }

        Fraction plus(Fraction other) {
            if (denominator == other.denominator) {
                return new Fraction(numerator.add(other.numerator), denominator);
            }
            long lcm = denominator / BigInteger.valueOf(denominator).gcd(BigInteger.valueOf(other.denominator)).longValueExact()
                    * other.denominator;
            return new Fraction(numerator.multiply(BigDecimal.valueOf(lcm / denominator))
                    .add(other.numerator.multiply(BigDecimal.valueOf(lcm / other.denominator))), lcm);
        }

        int compareTo(BigDecimal value) {
            return numerator.compareTo(value.multiply(BigDecimal.valueOf(denominator)));
        }

        BigDecimal rounded(int decimals, RoundingMode mode) {
            return numerator.divide(BigDecimal.valueOf(denominator), decimals, mode);
        }

        BigDecimal display() {
            BigDecimal stripped = numerator.divide(BigDecimal.valueOf(denominator), 10, RoundingMode.HALF_EVEN).stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }
}
