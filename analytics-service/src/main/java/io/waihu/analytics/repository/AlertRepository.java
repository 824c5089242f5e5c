package io.waihu.analytics.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.AlertRecord;
import io.waihu.events.analytics.AlertEvent;
import io.waihu.events.wire.EventJson;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class AlertRepository {


    private final Pool pool;

    public AlertRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return true when this alert key is new for the campaign (then the caller publishes the event) */
    public Uni<Boolean> recordOnce(SqlConnection conn, String alertKey, AlertEvent event) {
        return conn.preparedQuery("INSERT INTO alert (tenant_id, campaign_id, alert_key, event_id, event_type, payload, occurred_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[]{event.tenantId(), event.campaignId(), alertKey, event.eventId(), event.type(),
                        EventJson.write(event), Rows.utc(event.occurredAt())}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<AlertRecord>> page(String tenantId, String campaignId, String type, PageParams page) {
        return pool.preparedQuery("SELECT event_id, event_type, campaign_id, alert_key, occurred_at, payload FROM alert "
                        + "WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) AND ($3::text IS NULL OR event_type = $3) "
                        + "ORDER BY occurred_at DESC, alert_key LIMIT $4 OFFSET $5")
                .execute(Tuple.of(tenantId, campaignId, type, page.size, page.offset()))
                .map(rows -> Rows.list(rows, AlertRepository::map));
    }

    public Uni<Long> count(String tenantId, String campaignId, String type) {
        return pool.preparedQuery("SELECT count(*) FROM alert WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) "
                        + "AND ($3::text IS NULL OR event_type = $3)")
                .execute(Tuple.of(tenantId, campaignId, type)).map(Rows::count);
    }

    private static AlertRecord map(Row r) {
        return new AlertRecord(r.getUUID("event_id"), r.getString("event_type"), r.getString("campaign_id"),
                r.getString("alert_key"), Rows.instant(r, "occurred_at"), JsonColumns.read(r.getString("payload"), JsonNode.class));
    }
}
