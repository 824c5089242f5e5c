package io.waihu.billing.domain.rating;

import io.waihu.billing.domain.rating.RatedCall.Adjustment;
import io.waihu.billing.domain.rating.RatedCall.AdjustmentKind;
import io.waihu.billing.domain.rating.RatedCall.Segment;
import io.waihu.events.billing.UnratedReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
        Destination destination = first.match(number.digits());
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

        long usage = call.billableSeconds();
        long billable = Math.max(usage, callRate.minimumBilledSeconds());
        Instant answered = call.answeredAt();
        List<Segment> segments = new ArrayList<>();
        ExactAmount subtotal = ExactAmount.of(callRate.connectFee());
        long offset = 0;
        while (offset < billable) {
            Instant at = answered.plusSeconds(offset);
            TariffVersion version = versionAt(versions, at);
            Destination dest = version == first ? destination : version.match(number.digits());
            if (dest == null) {
                return new UnratedCall(UnratedReason.NO_DESTINATION, "tariff " + version.tariffId() + " v" + version.version()
                        + ", in force from " + version.effectiveFrom() + ", has no destination for " + number.e164());
            }
            if (!version.currency().equals(first.currency())) {
                return new UnratedCall(UnratedReason.OTHER, "tariff versions " + first.version() + " and " + version.version()
                        + " differ in currency; a call cannot mix them");
            }
            TimeBand band = version.calendar().bandAt(at);
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
            subtotal = subtotal.plus(amount);
            segments.add(new Segment(version.version(), band.name(), groupIndex + 1, group.label(), offset, used, billed,
                    increments, group.ratePerUnit(), group.unitSeconds(), group.incrementSeconds(),
                    ExactAmount.fraction(BigDecimal.valueOf(billed), group.unitSeconds()).display(), amount.display()));
            offset += billed;
        }

        List<Adjustment> adjustments = new ArrayList<>();
        ExactAmount adjusted = subtotal;
        if (callRate.minimumCost() != null && subtotal.compareTo(callRate.minimumCost()) < 0) {
            adjustments.add(new Adjustment(AdjustmentKind.MINIMUM_COST, subtotal.display(), callRate.minimumCost(),
                    "raised to the minimum cost per call"));
            adjusted = ExactAmount.of(callRate.minimumCost());
        }
        if (callRate.maximumCost() != null && adjusted.compareTo(callRate.maximumCost()) > 0) {
            adjustments.add(new Adjustment(AdjustmentKind.MAXIMUM_COST, adjusted.display(), callRate.maximumCost(),
                    "capped at the maximum cost per call"));
            adjusted = ExactAmount.of(callRate.maximumCost());
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
