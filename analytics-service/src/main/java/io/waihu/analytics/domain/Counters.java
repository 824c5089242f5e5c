package io.waihu.analytics.domain;

import java.math.BigDecimal;

/** The additive measures of a rollup row; a fact contributes one of these, a change of fact the difference. */
public record Counters(
        long attempts,
        long answered,
        long liveHuman,
        long connected,
        long abandoned,
        long nerEffective,
        long talkMs,
        long billableSeconds,
        long billedSeconds,
        long chargedCalls,
        long unratedCalls,
        long dropped,
        long contacts,
        long rpcs,
        long conversions,
        BigDecimal cost) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

    public Counters plus(Counters o, int sign) {
        return new Counters(attempts + sign * o.attempts, answered + sign * o.answered, liveHuman + sign * o.liveHuman,
                connected + sign * o.connected, abandoned + sign * o.abandoned, nerEffective + sign * o.nerEffective,
                talkMs + sign * o.talkMs, billableSeconds + sign * o.billableSeconds, billedSeconds + sign * o.billedSeconds,
                chargedCalls + sign * o.chargedCalls, unratedCalls + sign * o.unratedCalls, dropped + sign * o.dropped,
                contacts + sign * o.contacts, rpcs + sign * o.rpcs, conversions + sign * o.conversions,
                sign > 0 ? cost.add(o.cost) : cost.subtract(o.cost));
    }

    public Counters plus(Counters o) {
        return plus(o, 1);
    }

    public boolean isZero() {
        return attempts == 0 && answered == 0 && liveHuman == 0 && connected == 0 && abandoned == 0 && nerEffective == 0
                && talkMs == 0 && billableSeconds == 0 && billedSeconds == 0 && chargedCalls == 0 && unratedCalls == 0
                && dropped == 0 && contacts == 0 && rpcs == 0 && conversions == 0 && cost.signum() == 0;
    }
}
