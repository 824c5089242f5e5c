package io.waihu.analytics.domain;

import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.DialDropped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Everything analytics knows about one call, whichever of its events came first. Each event returns a new fact;
 * {@link Contribution#of(CallFact)} says what the fact adds to the rollups.
 */
public record CallFact(
        String tenantId,
        String callId,
        String campaignId,
        String carrierId,
        String destinationClass,
        Instant hour,
        boolean ended,
        CallDisposition disposition,
        boolean answered,
        boolean abandoned,
        long talkMs,
        long billableSeconds,
        Long pddMs,
        String calleeZone,
        Integer localDow,
        Integer localHour,
        boolean dropped,
        boolean charged,
        boolean unrated,
        String currency,
        BigDecimal chargeCost,
        BigDecimal rerateDelta,
        long billedSeconds,
        Instant outcomeAt,
        boolean contact,
        boolean rpc,
        boolean conversion) {

    /** A call seen for the first time, bucketed provisionally in the hour of that first event. */
    public static CallFact first(String tenantId, String callId, String campaignId, Instant firstSeen) {
        return new CallFact(tenantId, callId, campaignId, null, null, hourOf(firstSeen), false, null, false, false, 0, 0,
                null, null, null, null, false, false, false, null, null, BigDecimal.ZERO, 0, null, false, false, false);
    }

    public static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    /** The dialer's account of the call decides its hour (setup), carrier, disposition and callee-local time. */
    public CallFact withEnded(CallEnded e) {
        CallDisposition d = e.disposition();
        boolean wasAnswered = e.answeredAt() != null
                || d == CallDisposition.ANSWERED_HUMAN || d == CallDisposition.VOICEMAIL || d == CallDisposition.ABANDONED;
        long talk = e.answeredAt() == null ? 0 : Math.max(0, Duration.between(e.answeredAt(), e.endedAt()).toMillis());
        Integer dow = null;
        Integer localHr = null;
        if (e.calleeZone() != null) {
            ZonedDateTime local = e.setupAt().atZone(ZoneId.of(e.calleeZone()));
            dow = local.getDayOfWeek().getValue();
            localHr = local.getHour();
        }
        return new CallFact(tenantId, callId, e.campaignId(), e.carrierId(), destinationClass, hourOf(e.setupAt()), true,
                d, wasAnswered, e.abandoned() || d == CallDisposition.ABANDONED, talk, e.billableSeconds(), pdd(e),
                e.calleeZone(), dow, localHr, dropped, charged, unrated, currency, chargeCost, rerateDelta,
                billedSeconds, outcomeAt, contact, rpc, conversion);
    }

    /**
     * Post-dial delay: setup to the first ringing (180/183). A call answered without ringing is measured to the
     * answer; a failed, busy or rejected attempt to its final response (its end), as RFC 6076 measures failures.
     * Unanswered calls that never rang have none.
     */
    static Long pdd(CallEnded e) {
        Instant to = e.ringingAt() != null ? e.ringingAt()
                : e.answeredAt() != null ? e.answeredAt()
                : switch (e.disposition()) {
                    case FAILED, BUSY, REJECTED -> e.endedAt();
                    default -> null;
                };
        return to == null ? null : Math.max(0, Duration.between(e.setupAt(), to).toMillis());
    }

    public CallFact withDropped(DialDropped d) {
        return new CallFact(tenantId, callId, campaignId, carrierId, destinationClass, ended ? hour : hourOf(d.droppedAt()),
                ended, disposition, answered, abandoned, talkMs, billableSeconds, pddMs, calleeZone, localDow, localHour,
                true, charged, unrated, currency, chargeCost, rerateDelta, billedSeconds, outcomeAt, contact, rpc, conversion);
    }

    public CallFact withCharged(CallCharged c) {
        requireCurrency(c.cost().currency());
        return new CallFact(tenantId, callId, campaignId, carrierId == null ? c.carrierId() : carrierId,
                c.destinationClass().name(), hour, ended, disposition, answered, abandoned, talkMs, billableSeconds, pddMs,
                calleeZone, localDow, localHour, dropped, true, false, c.cost().currency(), c.cost().amount(), rerateDelta,
                c.billedSeconds(), outcomeAt, contact, rpc, conversion);
    }

    /** Rerating adds its delta; it commutes with the charge, so either may come first. */
    public CallFact withRerated(CallRerated r) {
        requireCurrency(r.delta().currency());
        return new CallFact(tenantId, callId, campaignId, carrierId, destinationClass, hour, ended, disposition, answered,
                abandoned, talkMs, billableSeconds, pddMs, calleeZone, localDow, localHour, dropped, charged, unrated,
                r.delta().currency(), chargeCost, rerateDelta.add(r.delta().amount()), billedSeconds, outcomeAt, contact,
                rpc, conversion);
    }

    public CallFact withUnrated(CallUnrated u) {
        return new CallFact(tenantId, callId, campaignId, carrierId == null ? u.carrierId() : carrierId, destinationClass,
                hour, ended, disposition, answered, abandoned, talkMs, billableSeconds, pddMs, calleeZone, localDow,
                localHour, dropped, charged, !charged, currency, chargeCost, rerateDelta, billedSeconds, outcomeAt,
                contact, rpc, conversion);
    }

    /** The latest outcome of the call wins; an older one arriving late changes nothing. */
    public CallFact withOutcome(OutcomeRecorded o) {
        if (outcomeAt != null && o.occurredAt().isBefore(outcomeAt)) {
            return this;
        }
        return new CallFact(tenantId, callId, campaignId, carrierId, destinationClass, hour, ended, disposition, answered,
                abandoned, talkMs, billableSeconds, pddMs, calleeZone, localDow, localHour, dropped, charged, unrated,
                currency, chargeCost, rerateDelta, billedSeconds, o.occurredAt(), o.contact(), o.rightPartyContact(),
                o.conversion());
    }

    /** What the call has cost so far: its charge plus every rerating delta. */
    public BigDecimal cost() {
        return (chargeCost == null ? BigDecimal.ZERO : chargeCost).add(rerateDelta);
    }

    private void requireCurrency(String incoming) {
        if (currency != null && !currency.equals(incoming)) {
            // a call is rated in one currency; anything else is a broken event, not something to retry
            throw new IllegalArgumentException("call " + callId + " is costed in " + currency + ", not " + incoming);
        }
    }
}
