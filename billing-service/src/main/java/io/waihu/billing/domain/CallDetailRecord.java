package io.waihu.billing.domain;

import io.waihu.billing.domain.rating.RatedCall;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An ended call as the dialer reported it, kept once per callId, with its rating: the cost and its breakdown, or
 * the reason no tariff could price it.
 */
public record CallDetailRecord(String tenantId, String callId, String campaignId, String attemptId, String carrierId,
                               String number, String disposition, Instant setupAt, Instant answeredAt, Instant endedAt,
                               long billableSeconds, RatingStatus ratingStatus, Instant receivedAt, BigDecimal cost,
                               String currency, String tariffId, Integer tariffVersion, String destinationPrefix,
                               String destinationClass, Long billedSeconds, RatedCall breakdown, String unratedReason,
                               String unratedDetail, Instant ratedAt) {

    public enum RatingStatus {
        PENDING,
        RATED,
        UNRATED
    }
}
