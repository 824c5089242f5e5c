package io.waihu.billing.domain.rating;

import java.math.RoundingMode;

/** How a call's total is rounded, once, to the tariff's number of decimals. */
public enum RoundingMethod {
    /** away from zero: any fraction of a cent is a cent */
    UP(RoundingMode.UP),
    HALF_UP(RoundingMode.HALF_UP),
    /** banker's rounding */
    HALF_EVEN(RoundingMode.HALF_EVEN),
    /** towards zero: fractions are dropped */
    DOWN(RoundingMode.DOWN);

    private final RoundingMode mode;

    RoundingMethod(RoundingMode mode) {
        this.mode = mode;
    }

    public RoundingMode mode() {
        return mode;
    }
}
