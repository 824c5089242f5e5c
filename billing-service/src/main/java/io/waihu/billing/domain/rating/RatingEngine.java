package io.waihu.billing.domain.rating;

import io.waihu.billing.domain.rating.RatedCall.Adjustment;
import io.waihu.billing.domain.rating.RatedCall.AdjustmentKind;
import io.waihu.billing.domain.rating.RatedCall.Segment;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.UnratedReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        PrefixIndex index = first.index();
        int destination = index.longestMatchDestination(number.e164(), 1);
        if (destination < 0) {
            return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + first.tariffId() + " v" + first.version()
                    + " has no destination for " + number.e164());
        }
        TimeBand startBand = first.calendar().bandAt(start);
        RateTable table = index.rates();
        long callRate = table.rate(destination, table.slot(startBand.name()));
        if (callRate < 0) {
            return new UnratedCall(UnratedReason.NO_RATE_FOR_BAND, "destination "
                    + table.destinations[RateTable.destinationRefs(destination) + RateTable.PREFIX] + " has no rate in band "
                    + startBand.name() + " of tariff " + first.tariffId() + " v" + first.version());
        }
        String currency = first.currency().getCurrencyCode();
        if (!call.charged()) {
            return zeroCost(call, first, number, table, destination, startBand, currency, "unanswered or 0 s: no charge");
        }
        int callAt = RateTable.dataOf(callRate);
        long freeSeconds = table.data[callAt + RateTable.FREE_SECONDS];
        if (call.billableSeconds() <= freeSeconds) {
            RatedCall free = zeroCost(call, first, number, table, destination, startBand, currency,
                    "within the " + freeSeconds + " s grace period: no charge");
            return withAdjustments(free, List.of(new Adjustment(AdjustmentKind.GRACE, null, BigDecimal.ZERO,
                    call.billableSeconds() + " s ≤ " + freeSeconds + " free seconds")));
        }
        if (table.data[callAt + RateTable.LONG_WAY] == 1) {
            try {
                return pricedInLongs(number, call, versions, first, destination, startBand, callRate, currency);
            } catch (ArithmeticException overflow) {
                // an amount outgrew a long (a call of years, a rate of many decimals): priced below with BigDecimal
            }
        }
        return pricedInBigDecimals(number, call, versions, first, table.destination(destination), startBand,
                table.source(callAt), currency);
    }

    /**
     * Seconds within which the long walk keeps instants as epoch seconds (±31 million years): sums of them cannot
     * overflow nor leave Instant's range. A call outside takes the BigDecimal walk, which does every step with
     * Instant as the engine always did.
     */
    private static final long PLAIN_SECONDS = 1_000_000_000_000_000L;

    /**
     * Walks the call's segments and prices them with long fractions (sumNum / sumDen), reading the figures from the
     * versions' {@link RateTable}s. Exact: any overflow throws ArithmeticException, and so does a segment in a rate
     * whose figures do not fit a long; the caller then prices the whole call with
     * {@link #pricedInBigDecimals}, which gives the same breakdown (every figure shown comes from the exact value).
     *
     * <p>Instants are epoch seconds here: every instant of the walk is the answer plus whole seconds, so all share the
     * answer's nanosecond, and a band change falls on a whole second (or on the answer's nanosecond), which makes the
     * whole seconds from the answer to it, rounded up, the difference of their epoch seconds.
     */
    private static RatingOutcome pricedInLongs(NumberNormalizer.Normalized number, CallUsage call,
                                               List<TariffVersion> versions, TariffVersion first, int firstDestination,
                                               TimeBand startBand, long callRate, String currency) {
        RateTable firstTable = first.index().rates();
        // the destination's objects, read now: their cache misses overlap the walk instead of ending the rating
        Object[] destinations = firstTable.destinations;
        int destinationRefs = RateTable.destinationRefs(firstDestination);
        String prefix = (String) destinations[destinationRefs + RateTable.PREFIX];
        String name = (String) destinations[destinationRefs + RateTable.NAME];
        DestinationClass destinationClass = (DestinationClass) destinations[destinationRefs + RateTable.CLASS];
        long[] callData = firstTable.data;
        int callAt = RateTable.dataOf(callRate);
        long usage = call.billableSeconds();
        long billable = Math.max(usage, callData[callAt + RateTable.MINIMUM_BILLED]);
        Instant answered = call.answeredAt();
        long answeredSecond = answered.getEpochSecond();
        int nano = answered.getNano();
        if (answeredSecond < -PLAIN_SECONDS || answeredSecond > PLAIN_SECONDS || billable > PLAIN_SECONDS) {
            throw new ArithmeticException("a call this far from 1970 takes the BigDecimal way");
        }
        // one version: it is in force at the answer and none follows, so it prices the whole call
        boolean oneVersion = versions.size() == 1;
        // most calls have one or two segments: no array for them
        Segment firstSegment = null;
        Segment secondSegment = null;
        Segment[] segments = null; // from the third segment on: all of them
        int segmentCount = 0;
        long billedTotal = 0;
        long sumNum = callData[callAt + RateTable.FEE_NUM];
        long sumDen = callData[callAt + RateTable.FEE_DEN];
        long offset = 0;
        while (offset < billable) {
            long atSecond = answeredSecond + offset;
            TariffVersion version = first;
            RateTable table = firstTable;
            TimeBand band;
            long rate;
            Instant at = null;
            if (oneVersion) {
                band = offset == 0 ? startBand : first.calendar().bandAt(atSecond);
                rate = band == startBand ? callRate : table.rate(firstDestination, table.slot(band.name()));
            } else {
                at = Instant.ofEpochSecond(atSecond, nano);
                version = versionAt(versions, at);
                int destination = version == first ? firstDestination : version.index().longestMatchDestination(number.e164(), 1);
                if (destination < 0) {
                    return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + version.tariffId() + " v" + version.version()
                            + ", in force from " + version.effectiveFrom() + ", has no destination for " + number.e164());
                }
                if (!version.currency().equals(first.currency())) {
                    return new UnratedCall(UnratedReason.OTHER, "tariff versions " + first.version() + " and " + version.version()
                            + " differ in currency; a call cannot mix them");
                }
                table = version.index().rates();
                band = version == first && offset == 0 ? startBand : version.calendar().bandAt(atSecond);
                rate = version == first && band == startBand ? callRate : table.rate(destination, table.slot(band.name()));
                if (rate < 0) {
                    return new UnratedCall(UnratedReason.NO_RATE_FOR_BAND, "destination "
                            + table.destinations[RateTable.destinationRefs(destination) + RateTable.PREFIX]
                            + " has no rate in band " + band.name() + " of tariff " + version.tariffId() + " v" + version.version());
                }
            }
            if (rate < 0) {
                return new UnratedCall(UnratedReason.NO_RATE_FOR_BAND, "destination " + prefix + " has no rate in band "
                        + band.name() + " of tariff " + version.tariffId() + " v" + version.version());
            }
            long[] data = table.data;
            int rateAt = RateTable.dataOf(rate);
            if (data[rateAt + RateTable.LONG_WAY] != 1) {
                throw new ArithmeticException("a rate whose figures do not fit a long takes the BigDecimal way");
            }
            int groupCount = (int) data[rateAt + RateTable.GROUP_COUNT];
            int groupIndex = 0;
            for (int g = 1; g < groupCount; g++) {
                if (data[rateAt + RateTable.GROUPS + g * RateTable.GROUP_SIZE + RateTable.START] <= offset) {
                    groupIndex = g;
                }
            }
            int group = rateAt + RateTable.GROUPS + groupIndex * RateTable.GROUP_SIZE;
            long increment = data[group + RateTable.INCREMENT];
            long unit = data[group + RateTable.UNIT];

            long end = billable;
            if (groupIndex + 1 < groupCount) {
                end = Math.min(end, data[group + RateTable.GROUP_SIZE + RateTable.START]);
            }
            long horizonSecond = answeredSecond + end;
            long bandChange = version.calendar().nextChange(atSecond, horizonSecond, nano);
            if (bandChange != BandCalendar.NO_CHANGE) {
                end = Math.min(end, bandChange - answeredSecond);
            }
            if (!oneVersion) {
                Instant nextVersion = nextActivation(versions, at);
                if (nextVersion != null && nextVersion.isBefore(Instant.ofEpochSecond(horizonSecond, nano))) {
                    end = Math.min(end, secondsBetween(answered, nextVersion));
                }
            }
            end = Math.max(end, offset + 1);

            long increments = ceilDiv(end - offset, increment);
            long billed = increments * increment;
            long used = Math.max(0, Math.min(offset + billed, usage) - offset);
            // amount = ratePerUnit × billed / unitSeconds = (unscaled × billed) / (unitSeconds × 10^scale)
            long num = Math.multiplyExact(data[group + RateTable.RATE_NUM], billed);
            long den = data[group + RateTable.RATE_DEN];
            long gcd = gcd(sumDen, den);
            long lcm = Math.multiplyExact(sumDen / gcd, den);
            sumNum = Math.addExact(Math.multiplyExact(sumNum, lcm / sumDen), Math.multiplyExact(num, lcm / den));
            sumDen = lcm;
            // whole units (60 s at 60 s a unit) are the common case: the same value as display(), and 1..10 are cached
            BigDecimal units = billed % unit == 0 ? BigDecimal.valueOf(billed / unit) : ExactAmount.display(billed, unit);
            BigDecimal amountShown = ExactAmount.display(num, den);
            int groupRefs = RateTable.refsOf(rate) + RateTable.GROUP_REFS + 2 * groupIndex;
            Segment segment = new Segment(version.version(), band.name(), groupIndex + 1,
                    (String) table.refs[groupRefs + 1], offset, used, billed, increments,
                    (BigDecimal) table.refs[groupRefs], (int) unit, (int) increment, units, amountShown);
            if (segmentCount == 0) {
                firstSegment = segment;
            } else if (segmentCount == 1) {
                secondSegment = segment;
            } else {
                if (segments == null) {
                    segments = new Segment[4];
                    segments[0] = firstSegment;
                    segments[1] = secondSegment;
                } else if (segmentCount == segments.length) {
                    segments = Arrays.copyOf(segments, segmentCount * 2);
                }
                segments[segmentCount] = segment;
            }
            segmentCount++;
            billedTotal += billed;
            offset += billed;
        }

        // what the adjustments start from; the minimum and maximum cost replace it with their own (exact) value
        int callRefs = RateTable.refsOf(callRate);
        Object[] refs = firstTable.refs;
        // one segment and no connect fee: the subtotal is that segment's amount (the same fraction), shown the same
        BigDecimal subtotalShown = segmentCount == 1 && callData[callAt + RateTable.FEE_NUM] == 0
                ? firstSegment.amount() : ExactAmount.display(sumNum, sumDen);
        List<Adjustment> adjustments = List.of();
        BigDecimal adjustedShown = subtotalShown;
        long adjNum = sumNum;
        long adjDen = sumDen;
        long minimumDen = callData[callAt + RateTable.MINIMUM_DEN];
        if (minimumDen != 0 && compare(adjNum, adjDen, callData[callAt + RateTable.MINIMUM_NUM], minimumDen) < 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.MINIMUM_COST, adjustedShown,
                    (BigDecimal) refs[callRefs + RateTable.MINIMUM], "raised to the minimum cost per call"));
            adjNum = callData[callAt + RateTable.MINIMUM_NUM];
            adjDen = minimumDen;
            adjustedShown = ExactAmount.display(adjNum, adjDen);
        }
        long maximumDen = callData[callAt + RateTable.MAXIMUM_DEN];
        if (maximumDen != 0 && compare(adjNum, adjDen, callData[callAt + RateTable.MAXIMUM_NUM], maximumDen) > 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.MAXIMUM_COST, adjustedShown,
                    (BigDecimal) refs[callRefs + RateTable.MAXIMUM], "capped at the maximum cost per call"));
            adjNum = callData[callAt + RateTable.MAXIMUM_NUM];
            adjDen = maximumDen;
            adjustedShown = ExactAmount.display(adjNum, adjDen);
        }
        int decimals = (int) callData[callAt + RateTable.DECIMALS];
        long scaled = Math.multiplyExact(adjNum, ExactAmount.pow10(decimals));
        long rounded = ExactAmount.divide(scaled, adjDen, firstTable.rounding(callAt).mode());
        BigDecimal cost = BigDecimal.valueOf(rounded, decimals);
        if (scaled % adjDen != 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.ROUNDING, adjustedShown, cost,
                    (String) refs[callRefs + RateTable.ROUNDING_DETAIL]));
        }
        List<Segment> segmentList = switch (segmentCount) {
            case 0 -> List.of();
            case 1 -> List.of(firstSegment);
            case 2 -> List.of(firstSegment, secondSegment);
            default -> segmentList(segments, segmentCount);
        };
        return new RatedCall(first.tariffId(), first.version(), currency, number.e164(), number.type(), number.rangeCarrier(),
                prefix, name, destinationClass, startBand.name(), usage, billedTotal, segmentList,
                (BigDecimal) refs[callRefs + RateTable.FEE], subtotalShown, adjustments, cost, null);
    }

    /**
     * The same walk with {@link ExactAmount} (BigDecimal) fractions, over the tariff's own objects: for the rare call
     * whose amounts do not fit a long.
     */
    private static RatingOutcome pricedInBigDecimals(NumberNormalizer.Normalized number, CallUsage call,
                                                     List<TariffVersion> versions, TariffVersion first,
                                                     Destination destination, TimeBand startBand,
                                                     DestinationRate callRate, String currency) {
        long usage = call.billableSeconds();
        long billable = Math.max(usage, callRate.minimumBilledSeconds());
        Instant answered = call.answeredAt();
        Segment[] segments = new Segment[2];
        int segmentCount = 0;
        long billedTotal = 0;
        ExactAmount big = ExactAmount.of(callRate.connectFee());
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
            ExactAmount amount = ExactAmount.fraction(group.ratePerUnit().multiply(BigDecimal.valueOf(billed)), group.unitSeconds());
            big = big.plus(amount);
            BigDecimal units = ExactAmount.fraction(BigDecimal.valueOf(billed), group.unitSeconds()).display();
            if (segmentCount == segments.length) {
                segments = Arrays.copyOf(segments, segmentCount * 2);
            }
            segments[segmentCount++] = new Segment(version.version(), band.name(), groupIndex + 1, group.label(), offset,
                    used, billed, increments, group.ratePerUnit(), group.unitSeconds(), group.incrementSeconds(), units,
                    amount.display());
            billedTotal += billed;
            offset += billed;
        }

        BigDecimal subtotalShown = big.display();
        List<Adjustment> adjustments = List.of();
        BigDecimal adjustedShown = subtotalShown;
        ExactAmount adjusted = big;
        BigDecimal minimum = callRate.minimumCost();
        if (minimum != null && adjusted.compareTo(minimum) < 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.MINIMUM_COST, adjustedShown, minimum,
                    "raised to the minimum cost per call"));
            adjusted = ExactAmount.of(minimum);
            adjustedShown = adjusted.display();
        }
        BigDecimal maximum = callRate.maximumCost();
        if (maximum != null && adjusted.compareTo(maximum) > 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.MAXIMUM_COST, adjustedShown, maximum,
                    "capped at the maximum cost per call"));
            adjusted = ExactAmount.of(maximum);
            adjustedShown = adjusted.display();
        }
        int decimals = callRate.decimals();
        BigDecimal cost = adjusted.rounded(decimals, callRate.rounding().mode());
        if (adjusted.compareTo(cost) != 0) {
            adjustments = append(adjustments, new Adjustment(AdjustmentKind.ROUNDING, adjustedShown, cost,
                    callRate.rounding() + " to " + decimals + " decimals"));
        }
        return new RatedCall(first.tariffId(), first.version(), currency, number.e164(), number.type(), number.rangeCarrier(),
                destination.prefix(), destination.name(), destination.destinationClass(), startBand.name(), usage,
                billedTotal, segmentList(segments, segmentCount), callRate.connectFee(), subtotalShown, adjustments, cost, null);
    }

    private static List<Segment> segmentList(Segment[] segments, int count) {
        return switch (count) {
            case 0 -> List.of();
            case 1 -> List.of(segments[0]);
            case 2 -> List.of(segments[0], segments[1]);
            default -> List.of(Arrays.copyOf(segments, count));
        };
    }

    /** Compares num/den with otherNum/otherDen (both denominators powers of ten or products of them) exactly. @throws ArithmeticException on overflow */
    private static int compare(long num, long den, long otherNum, long otherDen) {
        return Long.compare(Math.multiplyExact(num, otherDen), Math.multiplyExact(otherNum, den));
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

    private static RatedCall zeroCost(CallUsage call, TariffVersion version, NumberNormalizer.Normalized number,
                                      RateTable table, int destination, TimeBand band, String currency, String note) {
        Object[] objects = table.destinations;
        int at = RateTable.destinationRefs(destination);
        return new RatedCall(version.tariffId(), version.version(), currency, number.e164(), number.type(),
                number.rangeCarrier(), (String) objects[at + RateTable.PREFIX], (String) objects[at + RateTable.NAME],
                (DestinationClass) objects[at + RateTable.CLASS], band.name(), call.billableSeconds(), 0, List.of(),
                BigDecimal.ZERO, BigDecimal.ZERO, List.of(), BigDecimal.ZERO, note);
    }

    private static RatedCall withAdjustments(RatedCall call, List<Adjustment> adjustments) {
        return new RatedCall(call.tariffId(), call.tariffVersion(), call.currency(), call.e164(), call.numberType(),
                call.rangeCarrier(), call.destinationPrefix(), call.destinationName(), call.destinationClass(),
                call.startBand(), call.billableSeconds(), call.billedSeconds(), call.segments(), call.connectFee(),
                call.subtotal(), adjustments, call.cost(), call.note());
    }

    static TariffVersion versionAt(List<TariffVersion> versions, Instant at) {
        if (versions.size() == 1) { // the usual case, without an iterator
            TariffVersion only = versions.get(0);
            return only.effectiveFrom().isAfter(at) ? null : only;
        }
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
        // exact to the nanosecond: in milliseconds, a version from 30.0000009 s after an answer at 0.0000004 s was
        // 30 s away, not 31, and the call got a one-second segment of the old version after the first one
        long seconds = b.getEpochSecond() - a.getEpochSecond();
        return b.getNano() > a.getNano() ? seconds + 1 : seconds;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
