package io.waihu.analytics.domain;

import io.waihu.events.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPIs of one group of calls, each defined in docs/analytics.md. Percents are 0..100 with two decimals; money is
 * one entry per currency (never summed across currencies); a ratio whose denominator is zero is null.
 */
public record Metrics(
        long attempts,
        long answered,
        long liveHumanAnswers,
        long connected,
        long abandoned,
        long dropped,
        BigDecimal asrPercent,
        BigDecimal nerPercent,
        BigDecimal acdSeconds,
        Long pddP50Ms,
        Long pddP95Ms,
        BigDecimal abandonRatePercent,
        BigDecimal contactRatePercent,
        long contacts,
        long rightPartyContacts,
        BigDecimal rpcRatePercent,
        long conversions,
        BigDecimal conversionRatePercent,
        BigDecimal talkSeconds,
        long billableSeconds,
        long billedSeconds,
        long chargedCalls,
        long unratedCalls,
        List<Money> cost,
        List<Money> costPerAttempt,
        List<Money> costPerConnect,
        List<Money> costPerConversion,
        List<Money> costPerBilledMinute) {

    public static Metrics of(Totals t, List<long[]> pddHistogram) {
        Counters c = t.counters();
        return new Metrics(c.attempts(), c.answered(), c.liveHuman(), c.connected(), c.abandoned(), c.dropped(),
                Kpi.percent(c.answered(), c.attempts()),
                Kpi.percent(c.nerEffective(), c.attempts()),
                Kpi.seconds(c.talkMs(), c.answered()),
                pddHistogram == null ? null : Kpi.percentile(pddHistogram, 50),
                pddHistogram == null ? null : Kpi.percentile(pddHistogram, 95),
                Kpi.percent(c.abandoned(), c.liveHuman()),
                Kpi.percent(c.liveHuman(), c.attempts()),
                c.contacts(), c.rpcs(),
                Kpi.percent(c.rpcs(), c.liveHuman()),
                c.conversions(),
                Kpi.percent(c.conversions(), c.rpcs()),
                Kpi.plain(BigDecimal.valueOf(c.talkMs()).movePointLeft(3)),
                c.billableSeconds(), c.billedSeconds(), c.chargedCalls(), c.unratedCalls(),
                Kpi.money(t.cost()),
                per(t.cost(), c.attempts()),
                per(t.cost(), c.connected()),
                per(t.cost(), c.conversions()),
                perMinute(t.cost(), c.billedSeconds()));
    }

    private static List<Money> per(Map<String, BigDecimal> cost, long count) {
        if (count == 0) {
            return List.of();
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        cost.forEach((currency, amount) -> out.put(currency, Kpi.per(amount, count)));
        return Kpi.money(out);
    }

    /** Cost per billed minute: cost × 60 / billed seconds. */
    private static List<Money> perMinute(Map<String, BigDecimal> cost, long billedSeconds) {
        if (billedSeconds == 0) {
            return List.of();
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        cost.forEach((currency, amount) -> out.put(currency, Kpi.per(amount.multiply(BigDecimal.valueOf(60)), billedSeconds)));
        return Kpi.money(out);
    }
}
