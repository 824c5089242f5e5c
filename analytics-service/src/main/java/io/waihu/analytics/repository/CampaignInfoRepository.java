package io.waihu.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.CampaignInfo;
import io.waihu.analytics.domain.FactBatch;
import io.waihu.events.Money;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CampaignInfoRepository {

    private static final String COLUMNS = "campaign_id, name, status, budget_amount, budget_currency, alert_percents, "
            + "starts_at, ends_at, abandon_window, abandon_window_zone";

    private final Pool pool;

    public CampaignInfoRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies what a campaign event says; null arguments leave the column as it was (settings changes are partial),
     * so a CampaignSettingsChanged that overtakes its CampaignStarted still creates the row.
     */
    public Uni<Void> merge(SqlConnection conn, String tenantId, String campaignId, String name, String status,
                           Money budget, List<Integer> alertPercents, java.time.Instant startsAt, java.time.Instant endsAt,
                           AbandonWindow window, String windowZone) {
        return conn.preparedQuery("INSERT INTO campaign_info (tenant_id, campaign_id, name, status, budget_amount, budget_currency, "
                        + "alert_percents, starts_at, ends_at, abandon_window, abandon_window_zone) "
                        + "VALUES ($1, $2, $3, COALESCE($4, 'RUNNING'), $5, $6, COALESCE($7, '{80,100}'::int[]), $8, $9, $10, $11) "
                        + "ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET "
                        + "name = COALESCE($3, campaign_info.name), status = COALESCE($4, campaign_info.status), "
                        + "budget_amount = COALESCE($5, campaign_info.budget_amount), "
                        + "budget_currency = COALESCE($6, campaign_info.budget_currency), "
                        + "alert_percents = COALESCE($7, campaign_info.alert_percents), "
                        + "starts_at = COALESCE(campaign_info.starts_at, $8), ends_at = COALESCE($9, campaign_info.ends_at), "
                        + "abandon_window = COALESCE($10, campaign_info.abandon_window), "
                        + "abandon_window_zone = COALESCE($11, campaign_info.abandon_window_zone), updated_at = now()")
                .execute(Tuple.from(new Object[]{tenantId, campaignId, name, status,
                        budget == null ? null : budget.amount(), budget == null ? null : budget.currency(),
                        alertPercents == null ? null : alertPercents.toArray(new Integer[0]), Rows.utc(startsAt),
                        Rows.utc(endsAt), window == null ? null : window.name(), windowZone}))
                .replaceWithVoid();
    }

    /** The campaign's row locked, so two folds of one campaign check its budget one after the other. */
    public Uni<Optional<CampaignInfo>> lock(SqlConnection conn, String tenantId, String campaignId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM campaign_info WHERE tenant_id = $1 AND campaign_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, campaignId))
                .map(rows -> Rows.first(rows, CampaignInfoRepository::map));
    }

    /**
     * The campaigns' rows locked in one statement, in (tenant, campaign) byte order, the order every batch locks
     * them in; campaigns analytics has no row for are absent.
     */
    public Uni<java.util.Map<FactBatch.TenantCampaign, CampaignInfo>> lockAll(SqlConnection conn,
                                                                             java.util.Collection<FactBatch.TenantCampaign> keys) {
        String[] tenants = keys.stream().map(FactBatch.TenantCampaign::tenantId).toArray(String[]::new);
        String[] ids = keys.stream().map(FactBatch.TenantCampaign::campaignId).toArray(String[]::new);
        return conn.preparedQuery("SELECT ci.tenant_id, " + COLUMNS.replaceAll("(\\w+)", "ci.$1") + " FROM campaign_info ci "
                        + "JOIN unnest($1::text[], $2::text[]) AS u(t, c) ON ci.tenant_id = u.t AND ci.campaign_id = u.c "
                        + "ORDER BY ci.tenant_id COLLATE \"C\", ci.campaign_id COLLATE \"C\" FOR UPDATE OF ci")
                .execute(Tuple.of(tenants, ids))
                .map(rows -> {
                    java.util.Map<FactBatch.TenantCampaign, CampaignInfo> out = new java.util.HashMap<>();
                    for (Row r : rows) {
                        out.put(new FactBatch.TenantCampaign(r.getString("tenant_id"), r.getString("campaign_id")), map(r));
                    }
                    return out;
                });
    }

    public Uni<Optional<CampaignInfo>> find(String tenantId, String campaignId) {
        return find(pool, tenantId, campaignId);
    }

    public Uni<Optional<CampaignInfo>> find(SqlClient client, String tenantId, String campaignId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM campaign_info WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenantId, campaignId))
                .map(rows -> Rows.first(rows, CampaignInfoRepository::map));
    }

    public Uni<List<CampaignInfo>> page(String tenantId, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaign_info WHERE tenant_id = $1 "
                        + "ORDER BY starts_at DESC NULLS LAST, campaign_id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(tenantId, page.size, page.offset()))
                .map(rows -> Rows.list(rows, CampaignInfoRepository::map));
    }

    public Uni<Long> count(String tenantId) {
        return pool.preparedQuery("SELECT count(*) FROM campaign_info WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(Rows::count);
    }

    static CampaignInfo map(Row r) {
        Money budget = r.getBigDecimal("budget_amount") == null ? null
                : new Money(Amounts.plain(r.getBigDecimal("budget_amount")), r.getString("budget_currency").trim());
        Integer[] percents = r.getArrayOfIntegers("alert_percents");
        String window = r.getString("abandon_window");
        return new CampaignInfo(r.getString("campaign_id"), r.getString("name"), r.getString("status"), budget,
                percents == null ? CampaignInfo.DEFAULT_ALERT_PERCENTS : Arrays.asList(percents),
                Rows.instant(r, "starts_at"), Rows.instant(r, "ends_at"),
                window == null ? null : AbandonWindow.valueOf(window), r.getString("abandon_window_zone"));
    }
}
