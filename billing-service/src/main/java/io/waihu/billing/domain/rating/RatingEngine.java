package io.waihu.billing.domain.rating;

import io.waihu.billing.domain.rating.RatedCall.Adjustment;
import io.waihu.billing.domain.rating.RatedCall.AdjustmentKind;
import io.waihu.billing.domain.rating.RatedCall.Segment;
import io.waihu.events.billing.UnratedReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Prices a call against the versions of one carrier tariff.
 *
 * <p>The call is walked segment by segment, never increment by increment: a segment ends where the rate group,
 * the time band or the tariff version changes, and its increments are counted in closed form
 * ({@code ⌈seconds / increment⌉}). An increment that straddles a band or version boundary is charged entirely at
 * the rate where it started, and the next segment begins where that increment ends (CGRateS does the same).
 * Rate groups count seconds from the answer, across bands and versions.
 *
 * <p>Call-level settings (connect fee, minimum billed seconds, free seconds, minimum and maximum cost, rounding)
 * come from the rate in force at the answer. Amounts are summed as exact fractions and rounded once, at the end.
 */
public final class RatingEngine {

    /**
     * @param versions the versions of one tariff, any order; the one in force at an instant is the latest whose
     *                 effectiveFrom is not after it
     */
    public RatingOutcome rate(CallUsage call, List<TariffVersion> versions) {
        Instant start = call.answeredAt() != null ? call.answeredAt() : call.startedAt();
        TariffVersion first = versionAt(versions, start);
        if (first == null) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "no tariff version in force at " + start);
        }
        NumberNormalizer.Normalized number;
        try {
            number = NumberNormalizer.normalize(call.number(), first.defaultRegion());
        } catch (IllegalArgumentException e) {
            return new UnratedCall(UnratedReason.INVALID_NUMBER, e.getMessage());
        }
        return rate(number, call, versions);
    }

    /** As {@link #rate(CallUsage, List)}, for a number already read as E.164. */
    public RatingOutcome rate(NumberNormalizer.Normalized number, CallUsage call, List<TariffVersion> versions) {
        Instant start = call.answeredAt() != null ? call.answeredAt() : call.startedAt();
        TariffVersion first = versionAt(versions, start);
        if (first == null) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "no tariff version in force at " + start);
        }
        Destination destination = first.matchE164(number.e164());
        if (destination == null) {
            return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + first.tariffId() + " v" + first.version()
                    + " has no destination for " + number.e164());
        }
        TimeBand startBand = first.calendar().bandAt(start);
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

        try {
            return priced(number, call, versions, first, destination, startBand, callRate, currency, false);
        } catch (ArithmeticException overflow) {
            // an amount outgrew a long (a huge rate scale or a call of years): the same call with BigDecimal fractions
            return priced(number, call, versions, first, destination, startBand, callRate, currency, true);
        }
    }

    /**
     * Walks the call's segments and prices them. Amounts are exact fractions either way: with {@code bigDecimals}
     * false as a long numerator over a long denominator (any overflow throws ArithmeticException), otherwise as
     * {@link ExactAmount}; every figure shown comes from the exact value, so both ways give the same breakdown.
     */
    private static RatingOutcome priced(NumberNormalizer.Normalized number, CallUsage call, List<TariffVersion> versions,
                                        TariffVersion first, Destination destination, TimeBand startBand,
                                        DestinationRate callRate, String currency, boolean bigDecimals) {
        long usage = call.billableSeconds();
        long billable = Math.max(usage, callRate.minimumBilledSeconds());
        Instant answered = call.answeredAt();
        Segment[] segments = new Segment[2];
        int segmentCount = 0;
        long billedTotal = 0;
        // the subtotal: sumNum / sumDen (long way) or big (BigDecimal way)
        ExactAmount big = bigDecimals ? ExactAmount.of(callRate.connectFee()) : null;
        long sumNum = 0;
        long sumDen = 1;
        if (!bigDecimals) {
            BigDecimal fee = callRate.connectFee();
            sumNum = unscaled(fee);
            sumDen = ExactAmount.pow10(fee.scale());
        }
        long offset = 0;
        while (offset < billable) {
            Instant at = answered.plusSeconds(offset);
            TariffVersion version = versionAt(versions, at);
            Destination dest = version == first ? destination : version.matchE164(number.e164());
            if (dest == null) {
                return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + version.tariffId() + " v" + version.version()
                        + ", in force from " + version.effectiveFrom() + ", has no destination for " + number.e164());
            }
            if (!version.currency().equals(first.currency())) {
                return new UnratedCall(UnratedReason.OTHER, "tariff versions " + first.version() + " and " + version.version()
                        + " differ in currency; a call cannot mix them");
            }
            TimeBand band = version == first && offset == 0 ? startBand : version.calendar().bandAt(at);
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
            Instant bandChange = version.calendar().nextChange(at, horizon);
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
            BigDecimal units;
            BigDecimal amountShown;
            if (bigDecimals) {
                ExactAmount amount = ExactAmount.fraction(group.ratePerUnit().multiply(BigDecimal.valueOf(billed)), group.unitSeconds());
                big = big.plus(amount);
                units = ExactAmount.fraction(BigDecimal.valueOf(billed), group.unitSeconds()).display();
                amountShown = amount.display();
            } else {
                // amount = ratePerUnit × billed / unitSeconds = (unscaled × billed) / (unitSeconds × 10^scale)
                BigDecimal ratePerUnit = group.ratePerUnit();
                long num = Math.multiplyExact(unscaled(ratePerUnit), billed);
                long den = Math.multiplyExact((long) group.unitSeconds(), ExactAmount.pow10(ratePerUnit.scale()));
                long gcd = gcd(sumDen, den);
                long lcm = Math.multiplyExact(sumDen / gcd, den);
                sumNum = Math.addExact(Math.multiplyExact(sumNum, lcm / sumDen), Math.multiplyExact(num, lcm / den));
                sumDen = lcm;
                units = ExactAmount.display(billed, group.unitSeconds());
                amountShown = ExactAmount.display(num, den);
            }
            if (segmentCount == segments.length) {
                segments = Arrays.copyOf(segments, segmentCount * 2);
            }
            segments[segmentCount++] = new Segment(version.version(), band.name(), groupIndex + 1, label(group), offset,
                    used, billed, increments, group.ratePerUnit(), group.unitSeconds(), group.incrementSeconds(), units,
                    amountShown);
            billedTotal += billed;
            offset += billed;
        }

        // what the adjustments start from; the minimum and maximum cost replace it with their own (exact) value
        BigDecimal subtotalShown = bigDecimals ? big.display() : ExactAmount.display(sumNum, sumDen);
        List<Adjustment> adjustments = List.of();
        BigDecimal adjustedShown = subtotalShown;
        long adjNum = sumNum;
        long adjDen = sumDen;
        ExactAmount adjustedBig = big;
        BigDecimal minimum = callRate.minimumCost();
        if (minimum != null && (bigDecimals ? adjustedBig.compareTo(minimum) : compare(adjNum, adjDen, minimum)) < 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.MINIMUM_COST, adjustedShown, minimum,
                    "raised to the minimum cost per call"));
            if (bigDecimals) {
                adjustedBig = ExactAmount.of(minimum);
                adjustedShown = adjustedBig.display();
            } else {
                adjNum = unscaled(minimum);
                adjDen = ExactAmount.pow10(minimum.scale());
                adjustedShown = ExactAmount.display(adjNum, adjDen);
            }
        }
        BigDecimal maximum = callRate.maximumCost();
        if (maximum != null && (bigDecimals ? adjustedBig.compareTo(maximum) : compare(adjNum, adjDen, maximum)) > 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.MAXIMUM_COST, adjustedShown, maximum,
                    "capped at the maximum cost per call"));
            if (bigDecimals) {
                adjustedBig = ExactAmount.of(maximum);
                adjustedShown = adjustedBig.display();
            } else {
                adjNum = unscaled(maximum);
                adjDen = ExactAmount.pow10(maximum.scale());
                adjustedShown = ExactAmount.display(adjNum, adjDen);
            }
        }
        int decimals = callRate.decimals();
        BigDecimal cost;
        boolean exact;
        if (bigDecimals) {
            cost = adjustedBig.rounded(decimals, callRate.rounding().mode());
            exact = adjustedBig.compareTo(cost) == 0;
        } else {
            long scaled = Math.multiplyExact(adjNum, ExactAmount.pow10(decimals));
            long rounded = ExactAmount.divide(scaled, adjDen, callRate.rounding().mode());
            cost = BigDecimal.valueOf(rounded, decimals);
            exact = scaled % adjDen == 0;
        }
        if (!exact) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.ROUNDING, adjustedShown, cost,
                    roundingDetail(callRate.rounding(), decimals)));
        }
        List<Segment> segmentList = switch (segmentCount) {
            case 0 -> List.of();
            case 1 -> List.of(segments[0]);
            case 2 -> List.of(segments[0], segments[1]);
            default -> List.of(Arrays.copyOf(segments, segmentCount));
        };
        return new RatedCall(first.tariffId(), first.version(), currency, number.e164(), number.type(), number.rangeCarrier(),
                destination.prefix(), destination.name(), destination.destinationClass(), startBand.name(), usage,
                billedTotal, segmentList, callRate.connectFee(), subtotalShown, adjustments, cost, null);
    }

    /** The unscaled value of an amount as a long. @throws ArithmeticException when it does not fit */
    private static long unscaled(BigDecimal value) {
        if (value.scale() < 0) {
            throw new ArithmeticException("a negative scale takes the BigDecimal way");
        }
        return value.unscaledValue().longValueExact();
    }

    /** Compares num/den with value exactly. @throws ArithmeticException on overflow */
    private static int compare(long num, long den, BigDecimal value) {
        long left = Math.multiplyExact(num, ExactAmount.pow10(value.scale()));
        long right = Math.multiplyExact(unscaled(value), den);
        return Long.compare(left, right);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static List<Adjustment> append(List<Adjustment> list, Adjustment adjustment) {
        return switch (list.size()) {
            case 0 -> List.of(adjustment);
            case 1 -> List.of(list.get(0), adjustment);
            default -> {
                List<Adjustment> out = new ArrayList<>(list);
                out.add(adjustment);
                yield List.copyOf(out);
            }
        };
    }

    /** A rate group's label, remembered for the group (by identity) so a busy destination does not rebuild it per call. */
    private record Label(RateGroup group, String text) {
    }

    /** Slots of the label cache: enough for the rate groups a 50,000-destination deck's traffic touches (~7 MB at most). */
    private static final int LABEL_BITS = 16;
    private static final int LABEL_SLOTS = 1 << LABEL_BITS;
    private static final AtomicReferenceArray<Label> LABELS = new AtomicReferenceArray<>(LABEL_SLOTS);

    private static String label(RateGroup group) {
        int slot = System.identityHashCode(group) * 0x9E3779B9 >>> (32 - LABEL_BITS);
        Label cached = LABELS.getPlain(slot);
        if (cached != null && cached.group == group) {
            return cached.text;
        }
        String text = group.label();
        LABELS.setPlain(slot, new Label(group, text));
        return text;
    }

    /** "HALF_UP to 4 decimals", made once per method and number of decimals rather than once per call. */
    private static final String[][] ROUNDING_DETAILS = new String[RoundingMethod.values().length][9];

    static {
        for (RoundingMethod method : RoundingMethod.values()) {
            for (int decimals = 0; decimals < 9; decimals++) {
                ROUNDING_DETAILS[method.ordinal()][decimals] = method + " to " + decimals + " decimals";
            }
        }
    }

    private static String roundingDetail(RoundingMethod method, int decimals) {
        return decimals >= 0 && decimals < 9 ? ROUNDING_DETAILS[method.ordinal()][decimals]
                : method + " to " + decimals + " decimals";
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

    /** Whole seconds from a to b, rounded up: a boundary inside a second starts the next second. */
    private static long secondsBetween(Instant a, Instant b) {
        long millis = b.toEpochMilli() - a.toEpochMilli();
        return ceilDiv(millis, 1000);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
