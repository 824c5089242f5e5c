package io.waihu.analytics.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** Summed rollup rows of one group: the counters (across currencies) and the cost of each currency apart. */
public record Totals(Counters counters, TreeMap<String, BigDecimal> cost) {

    public static Totals empty() {
        return new Totals(Counters.ZERO, new TreeMap<>());
    }

    /** Adds one (group, currency) row; rows with currency '' carry counts and no cost. */
    public Totals plus(Counters row, String currency) {
        TreeMap<String, BigDecimal> merged = new TreeMap<>(cost);
        if (!Contribution.NO_CURRENCY.equals(currency)) {
            merged.merge(currency, row.cost(), BigDecimal::add);
        }
        return new Totals(counters.plus(new Counters(row.attempts(), row.answered(), row.liveHuman(), row.connected(),
                row.abandoned(), row.nerEffective(), row.talkMs(), row.billableSeconds(), row.billedSeconds(),
                row.chargedCalls(), row.unratedCalls(), row.dropped(), row.contacts(), row.rpcs(), row.conversions(),
                BigDecimal.ZERO)), merged);
    }

    public boolean isEmpty() {
        return counters.isZero() && cost.values().stream().allMatch(v -> v.signum() == 0);
    }

    public Map<String, BigDecimal> costView() {
        return cost;
    }
}
