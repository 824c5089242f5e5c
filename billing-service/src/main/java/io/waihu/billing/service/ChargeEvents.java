package io.waihu.billing.service;

import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.events.Money;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.ChargeAdjustment;
import io.waihu.events.billing.ChargeBreakdown;
import io.waihu.events.billing.ChargeSegment;
import io.waihu.events.dialer.CallEnded;

import java.math.BigDecimal;

/** Builds the charge events that announce a rating, from the rating itself. */
final class ChargeEvents {

    private ChargeEvents() {
    }

    static CallCharged charged(CallEnded call, RatedCall rated) {
        return charged(call.tenantId(), call.callId(), call.campaignId(), call.attemptId(), call.carrierId(), rated);
    }

    /**
     * For a stored call rated later (a rerating run): the record keeps every field the event needs, so the event is
     * the same one the pipeline would have published had the tariff been there at the time.
     */
    static CallCharged charged(CallDetailRecord call, RatedCall rated) {
        return charged(call.tenantId(), call.callId(), call.campaignId(), call.attemptId(), call.carrierId(), rated);
    }

    /** A rated call priced again at a different cost; both costs in one currency (the caller checks). */
    static CallRerated rerated(CallDetailRecord before, RatedCall after, String reason) {
        Money previous = new Money(before.cost(), before.currency());
        Money now = new Money(after.cost(), after.currency());
        return CallRerated.of(before.tenantId(), null, before.callId(), before.campaignId(), previous, now, now.minus(previous),
                after.tariffVersion(), reason);
    }

    private static CallCharged charged(String tenantId, String callId, String campaignId, String attemptId, String carrierId,
                                       RatedCall rated) {
        String currency = rated.currency();
        ChargeBreakdown breakdown = new ChargeBreakdown(
                rated.segments().stream().map(s -> new ChargeSegment(s.band(), "group " + s.rateGroup() + ": " + s.rateGroupLabel()
                                + " (tariff v" + s.tariffVersion() + ")", s.secondsUsed(), s.secondsBilled(), s.increments(),
                        new Money(s.ratePerUnit(), currency), new Money(s.amount(), currency))).toList(),
                new Money(rated.connectFee(), currency),
                rated.adjustments().stream().map(a -> new ChargeAdjustment(a.kind().name(),
                        new Money(a.before() == null ? BigDecimal.ZERO : a.before(), currency), new Money(a.after(), currency))).toList());
        return CallCharged.of(tenantId, null, callId, campaignId, attemptId, carrierId,
                new Money(rated.cost(), currency), rated.tariffId(), rated.tariffVersion(), rated.destinationPrefix(),
                rated.destinationClass(), rated.billedSeconds(), breakdown);
    }

    static CallUnrated unrated(CallEnded call, UnratedCall unrated) {
        return CallUnrated.of(call.tenantId(), null, call.callId(), call.campaignId(), call.carrierId(), unrated.reason(),
                unrated.detail());
    }
}
