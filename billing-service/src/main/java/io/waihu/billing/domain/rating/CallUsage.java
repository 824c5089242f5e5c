package io.waihu.billing.domain.rating;

import java.time.Instant;

/**
 * What rating needs to know of a call: the dialled number, when it started and was answered, and how many seconds
 * were billable (from answer to hang-up).
 *
 * @param answeredAt null for a call nobody answered
 */
public record CallUsage(String number, Instant startedAt, Instant answeredAt, long billableSeconds) {

    public CallUsage {
        if (startedAt == null) {
            throw new IllegalArgumentException("startedAt is required");
        }
        if (billableSeconds < 0) {
            throw new IllegalArgumentException("billableSeconds must be 0 or more");
        }
        if (answeredAt == null && billableSeconds > 0) {
            throw new IllegalArgumentException("an unanswered call has no billable seconds");
        }
    }

    public boolean charged() {
        return answeredAt != null && billableSeconds > 0;
    }
}
