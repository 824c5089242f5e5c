package io.waihu.billing.domain.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a destination costs in one time band. The rate groups price the seconds; the rest are call-level settings,
 * taken from the rate in force when the call was answered.
 *
 * @param connectFee          charged once per answered call that is charged at all (never on 0 s or unanswered)
 * @param minimumBilledSeconds a shorter call is billed as this long
 * @param freeSeconds         grace: a call of at most this many seconds costs nothing, connect fee included
 * @param minimumCost         floor of a charged call's cost, or null
 * @param maximumCost         cap of a call's cost, or null
 * @param decimals            the total is rounded once, to this many decimals, with {@code rounding}
 */
public record DestinationRate(List<RateGroup> groups, BigDecimal connectFee, int minimumBilledSeconds, int freeSeconds,
                              BigDecimal minimumCost, BigDecimal maximumCost, RoundingMethod rounding, int decimals) {

    public DestinationRate {
        groups = List.copyOf(groups);
        List<String> problems = problems(groups, connectFee, minimumBilledSeconds, freeSeconds, minimumCost, maximumCost, rounding, decimals);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Every reason the settings are unusable; empty when they are fine. */
    public static List<String> problems(List<RateGroup> groups, BigDecimal connectFee, int minimumBilledSeconds,
                                        int freeSeconds, BigDecimal minimumCost, BigDecimal maximumCost,
                                        RoundingMethod rounding, int decimals) {
        List<String> out = new ArrayList<>();
        if (groups.isEmpty()) {
            out.add("at least one rate group is required");
        } else {
            if (groups.get(0).startSecond() != 0) {
                out.add("the first rate group must start at 0 s");
            }
            for (int i = 1; i < groups.size(); i++) {
                RateGroup previous = groups.get(i - 1);
                RateGroup group = groups.get(i);
                if (group.startSecond() <= previous.startSecond()) {
                    out.add("rate groups must start at increasing seconds (" + group.startSecond() + " after " + previous.startSecond() + ")");
                } else if ((group.startSecond() - previous.startSecond()) % previous.incrementSeconds() != 0) {
                    // otherwise the previous group's last increment would overlap the next group
                    out.add("rate group starting at " + group.startSecond() + " s must be a whole number of the previous group's "
                            + previous.incrementSeconds() + " s increments after " + previous.startSecond() + " s");
                }
            }
        }
        if (connectFee == null || connectFee.signum() < 0) {
            out.add("connect fee must be 0 or more");
        }
        if (minimumBilledSeconds < 0) {
            out.add("minimum billed seconds must be 0 or more");
        }
        if (freeSeconds < 0) {
            out.add("free seconds must be 0 or more");
        }
        if (minimumCost != null && minimumCost.signum() < 0) {
            out.add("minimum cost must be 0 or more");
        }
        if (maximumCost != null && maximumCost.signum() < 0) {
            out.add("maximum cost must be 0 or more");
        }
        if (minimumCost != null && maximumCost != null && minimumCost.compareTo(maximumCost) > 0) {
            out.add("minimum cost is above maximum cost");
        }
        if (rounding == null) {
            out.add("rounding method is required");
        }
        if (decimals < 0 || decimals > 8) {
            out.add("decimals must be between 0 and 8");
        }
        return out;
    }

    /** The group that prices the second at {@code offset} of the call. */
    int groupIndexAt(long offset) {
        int index = 0;
        for (int i = 1; i < groups.size(); i++) {
            if (groups.get(i).startSecond() <= offset) {
                index = i;
            }
        }
        return index;
    }
}
