package io.waihu.billing.domain.rating;

import java.math.BigDecimal;

/**
 * One step of a rate: from {@code startSecond} of the call on, usage is billed in increments of
 * {@code incrementSeconds}, at {@code ratePerUnit} per {@code unitSeconds}. "First 60 s as one block, then per 6 s"
 * is two groups: (0 s, increment 60) and (60 s, increment 6).
 */
public record RateGroup(int startSecond, BigDecimal ratePerUnit, int unitSeconds, int incrementSeconds) {

    public RateGroup {
        if (startSecond < 0) {
            throw new IllegalArgumentException("startSecond must be 0 or more");
        }
        if (ratePerUnit == null || ratePerUnit.signum() < 0) {
            throw new IllegalArgumentException("ratePerUnit must be 0 or more");
        }
        if (unitSeconds <= 0) {
            throw new IllegalArgumentException("unitSeconds must be positive");
        }
        if (incrementSeconds <= 0) {
            throw new IllegalArgumentException("incrementSeconds must be positive");
        }
    }

    /** "0.1000/60s in 6s steps from 60s", as it reads on a rate sheet. */
    public String label() {
        return ratePerUnit.toPlainString() + "/" + unitSeconds + "s in " + incrementSeconds + "s steps from " + startSecond + "s";
    }
}
