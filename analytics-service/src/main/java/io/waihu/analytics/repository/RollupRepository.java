package io.waihu.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.Contribution;
import io.waihu.analytics.domain.Counters;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies a fact's change to call_rollup, heat_rollup and pdd_rollup in key order (see {@link Contribution.Delta}). */
@ApplicationScoped
public class RollupRepository {

    private static final String ROLLUP_UPSERT = "INSERT INTO call_rollup (tenant_id, campaign_id, hour, carrier_id, "
            + "destination_class, currency, attempts, answered, live_human, connected, abandoned, ner_effective, talk_ms, "
            + "billable_seconds, billed_seconds, charged_calls, unrated_calls, dropped, contacts, rpcs, conversions, cost) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
            + "ON CONFLICT (tenant_id, campaign_id, hour, carrier_id, destination_class, currency) DO UPDATE SET "
            + "attempts = call_rollup.attempts + EXCLUDED.attempts, answered = call_rollup.answered + EXCLUDED.answered, "
            + "live_human = call_rollup.live_human + EXCLUDED.live_human, connected = call_rollup.connected + EXCLUDED.connected, "
            + "abandoned = call_rollup.abandoned + EXCLUDED.abandoned, ner_effective = call_rollup.ner_effective + EXCLUDED.ner_effective, "
            + "talk_ms = call_rollup.talk_ms + EXCLUDED.talk_ms, billable_seconds = call_rollup.billable_seconds + EXCLUDED.billable_seconds, "
            + "billed_seconds = call_rollup.billed_seconds + EXCLUDED.billed_seconds, charged_calls = call_rollup.charged_calls + EXCLUDED.charged_calls, "
            + "unrated_calls = call_rollup.unrated_calls + EXCLUDED.unrated_calls, dropped = call_rollup.dropped + EXCLUDED.dropped, "
            + "contacts = call_rollup.contacts + EXCLUDED.contacts, rpcs = call_rollup.rpcs + EXCLUDED.rpcs, "
            + "conversions = call_rollup.conversions + EXCLUDED.conversions, cost = call_rollup.cost + EXCLUDED.cost";

    private static final String DAY_UPSERT = ROLLUP_UPSERT.replace("call_rollup", "call_rollup_day")
            .replace("(tenant_id, campaign_id, hour,", "(tenant_id, campaign_id, day,"); // column list and conflict target

    private static final String HEAT_UPSERT = "INSERT INTO heat_rollup (tenant_id, campaign_id, local_dow, local_hour, attempts, "
            + "answered, live_human, rpcs, conversions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + "ON CONFLICT (tenant_id, campaign_id, local_dow, local_hour) DO UPDATE SET "
            + "attempts = heat_rollup.attempts + EXCLUDED.attempts, answered = heat_rollup.answered + EXCLUDED.answered, "
            + "live_human = heat_rollup.live_human + EXCLUDED.live_human, rpcs = heat_rollup.rpcs + EXCLUDED.rpcs, "
            + "conversions = heat_rollup.conversions + EXCLUDED.conversions";

    private static final String PDD_UPSERT = "INSERT INTO pdd_rollup (tenant_id, campaign_id, hour, carrier_id, bucket_ms, calls) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, campaign_id, hour, carrier_id, bucket_ms) "
            + "DO UPDATE SET calls = pdd_rollup.calls + EXCLUDED.calls";

    private static final String PDD_TOTAL_UPSERT = "INSERT INTO pdd_total (tenant_id, campaign_id, carrier_id, bucket_ms, calls) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, campaign_id, carrier_id, bucket_ms) "
            + "DO UPDATE SET calls = pdd_total.calls + EXCLUDED.calls";

    private static final String SPEND_UPSERT = "INSERT INTO campaign_spend (tenant_id, campaign_id, currency, spent) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, campaign_id, currency) "
            + "DO UPDATE SET spent = campaign_spend.spent + EXCLUDED.spent";

    private record PddTotalKey(String campaignId, String carrierId, int bucketMs) implements Comparable<PddTotalKey> {
        private static final java.util.Comparator<PddTotalKey> ORDER = java.util.Comparator.comparing(PddTotalKey::campaignId)
                .thenComparing(PddTotalKey::carrierId).thenComparingInt(PddTotalKey::bucketMs);

        @Override
        public int compareTo(PddTotalKey o) {
            return ORDER.compare(this, o);
        }
    }

    public Uni<Void> apply(SqlConnection conn, String tenantId, String campaignId, Contribution.Delta delta) {
        java.util.TreeMap<String, Map<String, java.math.BigDecimal>> spend = new java.util.TreeMap<>();
        if (!delta.spendByCurrency().isEmpty()) {
            spend.put(campaignId, delta.spendByCurrency());
        }
        return apply(conn, tenantId, delta, spend);
    }

    /**
     * One tenant's rollup change (a single fact's, or a batch's summed per key) and its spend per campaign and
     * currency; every table's rows in key order.
     */
    public Uni<Void> apply(SqlConnection conn, String tenantId, Contribution.Delta delta,
                           java.util.SortedMap<String, ? extends Map<String, java.math.BigDecimal>> spendByCampaign) {
        List<Tuple> rollups = new ArrayList<>();
        for (Map.Entry<Contribution.Bucket, Counters> e : delta.rollup().entrySet()) {
            Contribution.Bucket b = e.getKey();
            Counters c = e.getValue();
            rollups.add(Tuple.from(new Object[]{tenantId, b.campaignId(), Rows.utc(b.hour()), b.carrierId(),
                    b.destinationClass(), b.currency(), c.attempts(), c.answered(), c.liveHuman(), c.connected(),
                    c.abandoned(), c.nerEffective(), c.talkMs(), c.billableSeconds(), c.billedSeconds(), c.chargedCalls(),
                    c.unratedCalls(), c.dropped(), c.contacts(), c.rpcs(), c.conversions(), c.cost()}));
        }
        // the same change per UTC day, keys still in sorted order (the day order follows the hour order)
        java.util.TreeMap<Contribution.Bucket, Counters> days = new java.util.TreeMap<>();
        delta.rollup().forEach((b, c) -> days.merge(new Contribution.Bucket(b.campaignId(),
                b.hour().truncatedTo(java.time.temporal.ChronoUnit.DAYS), b.carrierId(), b.destinationClass(), b.currency()),
                c, Counters::plus));
        List<Tuple> daily = new ArrayList<>();
        days.forEach((b, c) -> {
            if (!c.isZero()) {
                daily.add(Tuple.from(new Object[]{tenantId, b.campaignId(), java.time.LocalDate.ofInstant(b.hour(), java.time.ZoneOffset.UTC),
                        b.carrierId(), b.destinationClass(), b.currency(), c.attempts(), c.answered(), c.liveHuman(),
                        c.connected(), c.abandoned(), c.nerEffective(), c.talkMs(), c.billableSeconds(), c.billedSeconds(),
                        c.chargedCalls(), c.unratedCalls(), c.dropped(), c.contacts(), c.rpcs(), c.conversions(), c.cost()}));
            }
        });
        List<Tuple> heat = new ArrayList<>();
        delta.heat().forEach((k, c) -> heat.add(Tuple.from(new Object[]{tenantId, k.campaignId(), (short) k.dow(),
                (short) k.hour(), c.attempts(), c.answered(), c.liveHuman(), c.rpcs(), c.conversions()})));
        List<Tuple> pdd = new ArrayList<>();
        delta.pdd().forEach((k, n) -> pdd.add(Tuple.of(tenantId, k.campaignId(), Rows.utc(k.hour()), k.carrierId(),
                k.bucketMs(), n)));
        // the same change without the hour, for the all-time histogram; sorted like every other key set
        java.util.TreeMap<PddTotalKey, Long> totals = new java.util.TreeMap<>();
        delta.pdd().forEach((k, n) -> totals.merge(new PddTotalKey(k.campaignId(), k.carrierId(), k.bucketMs()), n, Long::sum));
        List<Tuple> pddTotal = new ArrayList<>();
        totals.forEach((k, n) -> {
            if (n != 0) {
                pddTotal.add(Tuple.of(tenantId, k.campaignId(), k.carrierId(), k.bucketMs(), n));
            }
        });
        List<Tuple> spend = new ArrayList<>();
        spendByCampaign.forEach((campaignId, byCurrency) -> new java.util.TreeMap<>(byCurrency)
                .forEach((currency, amount) -> spend.add(Tuple.of(tenantId, campaignId, currency, amount))));
        return batch(conn, ROLLUP_UPSERT, rollups)
                .chain(() -> batch(conn, DAY_UPSERT, daily))
                .chain(() -> batch(conn, HEAT_UPSERT, heat))
                .chain(() -> batch(conn, PDD_UPSERT, pdd))
                .chain(() -> batch(conn, PDD_TOTAL_UPSERT, pddTotal))
                .chain(() -> batch(conn, SPEND_UPSERT, spend));
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(sql).executeBatch(tuples).replaceWithVoid();
    }
}
