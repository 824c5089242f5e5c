package io.waihu.dialer.service;

import java.time.Instant;

/**
 * A state change of one dialer_call row: the new state and the fields it sets (null = unchanged). Changes of the
 * same call that meet in one journal transaction are merged into one row update; the state of the later change in
 * the call's lifecycle ({@code order}) wins.
 */
public record CallUpdate(String tenantId, String callId, String state, int order, String carrierId, Instant setupAt,
                         Instant ringingAt, Instant answeredAt, String answeredBy, String agentId, String disposition, Instant endedAt,
                         Long billableSeconds, Boolean abandoned, String dropReason, String dropDetail) {

    public static CallUpdate of(String tenantId, String callId, String state, int order) {
        return new CallUpdate(tenantId, callId, state, order, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    CallUpdate merge(CallUpdate later) {
        boolean laterWins = later.order >= order;
        return new CallUpdate(tenantId, callId, laterWins ? later.state : state, Math.max(order, later.order),
                pick(later.carrierId, carrierId), pick(later.setupAt, setupAt), pick(later.ringingAt, ringingAt),
                pick(later.answeredAt, answeredAt), pick(later.answeredBy, answeredBy), pick(later.agentId, agentId),
                pick(later.disposition, disposition), pick(later.endedAt, endedAt), pick(later.billableSeconds, billableSeconds),
                pick(later.abandoned, abandoned), pick(later.dropReason, dropReason), pick(later.dropDetail, dropDetail));
    }

    private static <T> T pick(T later, T earlier) {
        return later != null ? later : earlier;
    }

    public CallUpdate carrier(String carrier, Instant setup) {
        return new CallUpdate(tenantId, callId, state, order, carrier, setup, ringingAt, answeredAt, answeredBy, agentId, disposition,
                endedAt, billableSeconds, abandoned, dropReason, dropDetail);
    }
}
