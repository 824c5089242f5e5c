package io.waihu.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.SpendRollup;
import io.waihu.events.Money;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

@ApplicationScoped
public class SpendRollupRepository {

    private static final String UPSERT = "INSERT INTO spend_rollup (tenant_id, campaign_id, carrier_id, currency, hour, "
            + "charged_calls, billed_seconds, cost) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            + "ON CONFLICT (tenant_id, campaign_id, carrier_id, currency, hour) "
            + "DO UPDATE SET charged_calls = spend_rollup.charged_calls + EXCLUDED.charged_calls, "
            + "billed_seconds = spend_rollup.billed_seconds + EXCLUDED.billed_seconds, cost = spend_rollup.cost + EXCLUDED.cost";

    private final Pool pool;

    public SpendRollupRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds one charge (or a rerating delta, with calls 0) to its hour. */
    public Uni<Void> add(SqlConnection conn, String tenantId, String campaignId, String carrierId, Instant hour,
                         long calls, long billedSeconds, Money cost) {
        return conn.preparedQuery(UPSERT)
                .execute(Tuple.from(new Object[]{tenantId, campaignId, carrierId, cost.currency(), hour.atOffset(ZoneOffset.UTC),
                        calls, billedSeconds, cost.amount()}))
                .replaceWithVoid();
    }

    /** One row of the legacy spend view's change: a batch sums its charges per key and adds each once. */
    public record Line(String tenantId, String campaignId, String carrierId, String currency, Instant hour)
            implements Comparable<Line> {
        private static final java.util.Comparator<Line> ORDER = java.util.Comparator.comparing(Line::tenantId)
                .thenComparing(Line::campaignId).thenComparing(Line::carrierId).thenComparing(Line::currency)
                .thenComparing(Line::hour);

        @Override
        public int compareTo(Line o) {
            return ORDER.compare(this, o);
        }
    }

    public record Sums(long calls, long billedSeconds, BigDecimal cost) {
        public Sums plus(Sums o) {
            return new Sums(calls + o.calls, billedSeconds + o.billedSeconds, cost.add(o.cost));
        }
    }

    /** Adds a batch's summed lines, in key order (each row's lock taken in the same order by every batch). */
    public Uni<Void> addAll(SqlConnection conn, java.util.SortedMap<Line, Sums> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new java.util.ArrayList<>(lines.size());
        lines.forEach((l, v) -> tuples.add(Tuple.from(new Object[]{l.tenantId(), l.campaignId(), l.carrierId(), l.currency(),
                l.hour().atOffset(ZoneOffset.UTC), v.calls(), v.billedSeconds(), v.cost()})));
        return conn.preparedQuery(UPSERT).executeBatch(tuples).replaceWithVoid();
    }

    public Uni<List<SpendRollup>> page(String tenantId, String campaignId, PageParams page) {
        return pool.preparedQuery("SELECT campaign_id, carrier_id, currency, hour, charged_calls, billed_seconds, cost FROM spend_rollup "
                        + "WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) "
                        + "ORDER BY hour DESC, campaign_id, carrier_id, currency LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, campaignId, page.size, page.offset()))
                .map(rows -> Rows.list(rows, SpendRollupRepository::map));
    }

    public Uni<Long> count(String tenantId, String campaignId) {
        return pool.preparedQuery("SELECT count(*) FROM spend_rollup WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2)")
                .execute(Tuple.of(tenantId, campaignId))
                .map(Rows::count);
    }

    private static SpendRollup map(Row r) {
        BigDecimal cost = r.getBigDecimal("cost").stripTrailingZeros();
        if (cost.scale() < 0) {
            cost = cost.setScale(0);
        }
        return new SpendRollup(r.getString("campaign_id"), r.getString("carrier_id"),
                r.getOffsetDateTime("hour").toInstant(), r.getLong("charged_calls"), r.getLong("billed_seconds"),
                new Money(cost, r.getString("currency").trim()));
    }
}
