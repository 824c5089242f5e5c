package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;

import java.math.BigDecimal;
import java.util.List;

/**
 * The cost of one call and everything needed to check it by hand: which tariff version and destination priced it,
 * each segment (band, rate group, seconds used and billed, increments, rate, amount), the connect fee, and each
 * adjustment (minimum, maximum, rounding) with its value before and after. Amounts are in {@code currency};
 * {@code subtotal} and segment amounts are exact (shown to at most 10 decimals), {@code cost} is rounded once.
 */
public record RatedCall(String tariffId, int tariffVersion, String currency, String e164, String numberType,
                        String rangeCarrier, String destinationPrefix, String destinationName,
                        DestinationClass destinationClass, String startBand, long billableSeconds, long billedSeconds,
                        List<Segment> segments, BigDecimal connectFee, BigDecimal subtotal, List<Adjustment> adjustments,
                        BigDecimal cost, String note) implements RatingOutcome {

    public RatedCall {
        segments = List.copyOf(segments);
        adjustments = List.copyOf(adjustments);
    }

    /**
     * Part of a call priced at one rate: increments of {@code incrementSeconds} starting at {@code startSecond} of
     * the call; {@code amount = secondsBilled × ratePerUnit / unitSeconds}.
     */
    public record Segment(int tariffVersion, String band, int rateGroup, String rateGroupLabel, long startSecond,
                          long secondsUsed, long secondsBilled, long increments, BigDecimal ratePerUnit, int unitSeconds,
                          int incrementSeconds, BigDecimal units, BigDecimal amount) {
    }

    public enum AdjustmentKind {
        /** a call of at most the free seconds costs nothing */
        GRACE,
        MINIMUM_COST,
        MAXIMUM_COST,
        ROUNDING
    }

    public record Adjustment(AdjustmentKind kind, BigDecimal before, BigDecimal after, String detail) {
    }
}
