package io.waihu.billing.domain;

import java.time.Instant;

/** An ended call as the dialer reported it, kept once per callId, waiting for or carrying its rating. */
public record CallDetailRecord(String tenantId, String callId, String campaignId, String attemptId, String carrierId,
                               String number, String disposition, Instant setupAt, Instant answeredAt, Instant endedAt,
                               long billableSeconds, RatingStatus ratingStatus, Instant receivedAt) {

    public enum RatingStatus {
        PENDING,
        RATED,
        UNRATED
    }
}
