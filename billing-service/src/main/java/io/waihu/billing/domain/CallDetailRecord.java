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

    /** The same call with a (new) rating; what the dialer reported stays as it was. */
    public CallDetailRecord withRating(RatedCall r, Instant at) {
        return new CallDetailRecord(tenantId, callId, campaignId, attemptId, carrierId, number, disposition, setupAt, answeredAt,
                endedAt, billableSeconds, RatingStatus.RATED, receivedAt, r.cost(), r.currency(), r.tariffId(), r.tariffVersion(),
                r.destinationPrefix(), r.destinationClass().name(), r.billedSeconds(), r, null, null, at);
    }

    public enum RatingStatus {
        RATED,
        UNRATED
    }
}
