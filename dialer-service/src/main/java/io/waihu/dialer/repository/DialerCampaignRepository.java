package io.waihu.dialer.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.events.campaign.DialPolicy;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DialerCampaignRepository {

    private static final String COLUMNS = "tenant_id, campaign_id, name, dial_mode, rule_pack, status, "
            + "allowed_carrier_ids::text, status_reason, last_event_at, dial_policy::text, budget_alert_percents::text, budget_currency";

    private final Pool pool;

    public DialerCampaignRepository(Pool pool) {
        this.pool = pool;
    }

    /** A start (or settings change) replaces the copy unless a newer event was applied already. */
    public Uni<Void> upsert(SqlConnection conn, DialerCampaign c) {
        return conn.preparedQuery("INSERT INTO dialer_campaign (tenant_id, campaign_id, name, dial_mode, rule_pack, status, "
                        + "allowed_carrier_ids, status_reason, last_event_at, dial_policy, budget_alert_percents, budget_currency) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10::text::jsonb, $11::text::jsonb, $12) "
                        + "ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET name = coalesce(EXCLUDED.name, dialer_campaign.name), "
                        + "dial_mode = coalesce(EXCLUDED.dial_mode, dialer_campaign.dial_mode), "
                        + "rule_pack = coalesce(EXCLUDED.rule_pack, dialer_campaign.rule_pack), status = EXCLUDED.status, "
                        + "allowed_carrier_ids = EXCLUDED.allowed_carrier_ids, status_reason = EXCLUDED.status_reason, "
                        + "last_event_at = EXCLUDED.last_event_at, dial_policy = EXCLUDED.dial_policy, "
                        + "budget_alert_percents = EXCLUDED.budget_alert_percents, budget_currency = EXCLUDED.budget_currency, updated_at = now() "
                        + "WHERE dialer_campaign.last_event_at <= EXCLUDED.last_event_at")
                .execute(Tuple.from(new Object[]{c.tenantId(), c.campaignId(), c.name(), c.dialMode(), c.rulePack(),
                        c.status().name(), new JsonArray(c.allowedCarrierIds()).encode(), c.statusReason(),
                        c.lastEventAt().atOffset(ZoneOffset.UTC), JsonColumns.write(c.dialPolicy()),
                        JsonColumns.write(c.budgetAlertPercents()), c.budgetCurrency()}))
                .replaceWithVoid();
    }

    /** @return false when the campaign is unknown here or a newer event was applied already */
    public Uni<Boolean> changeStatus(SqlConnection conn, String tenantId, String campaignId, DialerCampaign.Status status,
                                     String reason, Instant at) {
        return conn.preparedQuery("UPDATE dialer_campaign SET status = $3, status_reason = $4, last_event_at = $5, updated_at = now() "
                        + "WHERE tenant_id = $1 AND campaign_id = $2 AND last_event_at <= $5")
                .execute(Tuple.of(tenantId, campaignId, status.name(), reason, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<DialerCampaign>> find(String tenantId, String campaignId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dialer_campaign WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenantId, campaignId))
                .map(rows -> Rows.first(rows, DialerCampaignRepository::map));
    }

    public Uni<List<DialerCampaign>> page(String tenantId, DialerCampaign.Status status, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dialer_campaign WHERE tenant_id = $1 "
                        + "AND ($2::text IS NULL OR status = $2) ORDER BY campaign_id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, status == null ? null : status.name(), page.size, page.offset()))
                .map(rows -> Rows.list(rows, DialerCampaignRepository::map));
    }

    public Uni<Long> count(String tenantId, DialerCampaign.Status status) {
        return pool.preparedQuery("SELECT count(*) FROM dialer_campaign WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)")
                .execute(Tuple.of(tenantId, status == null ? null : status.name()))
                .map(Rows::count);
    }

    /** Every campaign of every tenant: the pacing loop's view, reloaded each tick. */
    public Uni<List<DialerCampaign>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM dialer_campaign").execute()
                .map(rows -> Rows.list(rows, DialerCampaignRepository::map));
    }

    private static DialerCampaign map(Row r) {
        List<String> carriers = new ArrayList<>();
        new JsonArray(r.getString(6)).forEach(v -> carriers.add(String.valueOf(v)));
        return new DialerCampaign(r.getString("tenant_id"), r.getString("campaign_id"), r.getString("name"),
                r.getString("dial_mode"), r.getString("rule_pack"), DialerCampaign.Status.valueOf(r.getString("status")),
                carriers, r.getString("status_reason"), r.getOffsetDateTime("last_event_at").toInstant(),
                JsonColumns.read(r.getString(9), DialPolicy.class),
                JsonColumns.read(r.getString(10), new TypeReference<List<Integer>>() { }), r.getString("budget_currency"));
    }
}
