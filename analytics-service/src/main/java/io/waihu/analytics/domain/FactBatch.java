package io.waihu.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A batch of events folded into their call facts in memory, in the order given: each event sees the fact as the
 * events before it in the batch left it, exactly as if each had its own transaction. What the batch then writes is
 * the sum: each changed fact once, each rollup key's summed change once, each campaign's summed spend once. The
 * {@link #steps()} keep every event's own change, so budget and anomaly checks can replay the batch event by event.
 */
public final class FactBatch {

    public record Key(String tenantId, String callId) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::tenantId).thenComparing(Key::callId);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    public record TenantCampaign(String tenantId, String campaignId) implements Comparable<TenantCampaign> {
        private static final Comparator<TenantCampaign> ORDER = Comparator.comparing(TenantCampaign::tenantId)
                .thenComparing(TenantCampaign::campaignId);

        @Override
        public int compareTo(TenantCampaign o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * One event's change: the campaign the event names (its spend, budget check and anomaly check go there, as in
     * the one-event fold) and the rollup delta of its fact.
     */
    public record Step(String tenantId, String campaignId, Contribution.Delta delta) {

        /** The one-event fold checks budget and anomalies only when the event moved spend in some currency. */
        public boolean movedSpend() {
            return !delta.spendByCurrency().isEmpty();
        }
    }

    private final Map<Key, CallFact> locked;
    private final Map<Key, CallFact> current = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();

    /** @param locked every fact the batch touches, as read under lock (new ones as {@link CallFact#first}) */
    public FactBatch(Map<Key, CallFact> locked) {
        this.locked = Map.copyOf(locked);
        this.current.putAll(locked);
    }

    /** Applies one event's change to its fact; an IllegalArgumentException (a refused event) propagates. */
    public Step apply(Key key, String campaignId, UnaryOperator<CallFact> change) {
        CallFact before = current.get(key);
        if (before == null) {
            throw new IllegalStateException("fact " + key + " was not locked for this batch");
        }
        CallFact after = change.apply(before);
        current.put(key, after);
        Step step = new Step(key.tenantId(), campaignId, Contribution.between(before, after));
        steps.add(step);
        return step;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Facts whose state differs from what was locked, in key order. */
    public List<CallFact> changed() {
        List<CallFact> out = new ArrayList<>();
        new TreeMap<>(current).forEach((k, f) -> {
            if (!f.equals(locked.get(k))) {
                out.add(f);
            }
        });
        return out;
    }

    /** The batch's rollup change per tenant: every event's delta summed per key, zero rows left out. */
    public TreeMap<String, Contribution.Delta> rollupsByTenant() {
        TreeMap<String, Contribution.Delta> out = new TreeMap<>();
        for (Step s : steps) {
            out.computeIfAbsent(s.tenantId(), t -> Contribution.Delta.empty()).addAll(s.delta());
        }
        out.values().removeIf(Contribution.Delta::isEmpty);
        return out;
    }

    /** Spend change per tenant × campaign (the event's) × currency, as the one-event fold adds it to campaign_spend. */
    public TreeMap<TenantCampaign, TreeMap<String, BigDecimal>> spend() {
        TreeMap<TenantCampaign, TreeMap<String, BigDecimal>> out = new TreeMap<>();
        for (Step s : steps) {
            s.delta().spendByCurrency().forEach((currency, amount) -> out
                    .computeIfAbsent(new TenantCampaign(s.tenantId(), s.campaignId()), k -> new TreeMap<>())
                    .merge(currency, amount, BigDecimal::add));
        }
        out.values().forEach(m -> m.values().removeIf(v -> v.signum() == 0));
        out.values().removeIf(Map::isEmpty);
        return out;
    }
}
