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

    private final Pool pool;

    public SpendRollupRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds one charge (or a rerating delta, with calls 0) to its hour. */
    public Uni<Void> add(SqlConnection conn, String tenantId, String campaignId, String carrierId, Instant hour,
                         long calls, long billedSeconds, Money cost) {
        return conn.preparedQuery("INSERT INTO spend_rollup (tenant_id, campaign_id, carrier_id, currency, hour, charged_calls, billed_seconds, cost) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, campaign_id, carrier_id, currency, hour) "
                        + "DO UPDATE SET charged_calls = spend_rollup.charged_calls + EXCLUDED.charged_calls, "
                        + "billed_seconds = spend_rollup.billed_seconds + EXCLUDED.billed_seconds, cost = spend_rollup.cost + EXCLUDED.cost")
                .execute(Tuple.from(new Object[]{tenantId, campaignId, carrierId, cost.currency(), hour.atOffset(ZoneOffset.UTC),
                        calls, billedSeconds, cost.amount()}))
                .replaceWithVoid();
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
