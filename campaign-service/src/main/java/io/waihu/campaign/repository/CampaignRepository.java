package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.Campaign;
import io.waihu.campaign.domain.CampaignPolicy;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.events.Money;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CampaignRepository {

    static final String COLUMNS = "id, tenant_id, status, status_reason, settings::text AS settings_json, rule_pack_version, "
            + "starts_at, ends_at, budget_currency, spent_amount, started_at, ended_at, created_at, updated_at";

    private final Pool pool;

    public CampaignRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, UUID id, String tenantId, CampaignSettings s) {
        return client.preparedQuery("INSERT INTO campaign (id, tenant_id, name, status, settings, list_ids, rule_pack_id, "
                        + "hopper_size, starts_at, ends_at, budget_amount, budget_currency) "
                        + "VALUES ($1, $2, $3, 'DRAFT', $4::text::jsonb, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Tuple.from(new Object[]{id, tenantId, s.name(), JsonColumns.write(s), s.listIds().toArray(new String[0]),
                        s.rulePack(), s.hopperSize(), Rows.utc(CampaignPolicy.instant(s.startDate(), s.timeZone(), false)),
                        Rows.utc(CampaignPolicy.instant(s.endDate(), s.timeZone(), true)),
                        s.budget() == null ? null : s.budget().amount(), s.budget() == null ? null : s.budget().currency()}))
                .replaceWithVoid();
    }

    public Uni<Void> updateSettings(SqlClient client, String tenantId, UUID id, CampaignSettings s) {
        return client.preparedQuery("UPDATE campaign SET name = $3, settings = $4::text::jsonb, list_ids = $5, rule_pack_id = $6, "
                        + "hopper_size = $7, starts_at = $8, ends_at = $9, budget_amount = $10, budget_currency = $11, "
                        + "enrolled_through = NULL, updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(new Object[]{tenantId, id, s.name(), JsonColumns.write(s), s.listIds().toArray(new String[0]),
                        s.rulePack(), s.hopperSize(), Rows.utc(CampaignPolicy.instant(s.startDate(), s.timeZone(), false)),
                        Rows.utc(CampaignPolicy.instant(s.endDate(), s.timeZone(), true)),
                        s.budget() == null ? null : s.budget().amount(), s.budget() == null ? null : s.budget().currency()}))
                .replaceWithVoid();
    }

    /** Changes the status; started_at / ended_at / the pack version are set when given (null keeps them). */
    public Uni<Void> setStatus(SqlClient client, String tenantId, UUID id, CampaignStatus status, String reason,
                               Integer rulePackVersion, Instant startedAt, Instant endedAt) {
        return client.preparedQuery("UPDATE campaign SET status = $3, status_reason = $4, "
                        + "rule_pack_version = coalesce($5, rule_pack_version), started_at = coalesce($6, started_at), "
                        + "ended_at = coalesce($7, ended_at), updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(new Object[]{tenantId, id, status.name(), reason, rulePackVersion, Rows.utc(startedAt), Rows.utc(endedAt)}))
                .replaceWithVoid();
    }

    /** Reads and row-locks the campaign, so two lifecycle requests on it serialise. */
    public Uni<Optional<Campaign>> lock(SqlClient client, String tenantId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, CampaignRepository::map));
    }

    public Uni<Optional<Campaign>> find(SqlClient client, String tenantId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, CampaignRepository::map));
    }

    public Uni<Optional<Campaign>> find(String tenantId, UUID id) {
        return find(pool, tenantId, id);
    }

    public Uni<List<Campaign>> page(String tenantId, CampaignStatus status, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) "
                        + "ORDER BY created_at DESC, id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, status == null ? null : status.name(), page.size, page.offset()))
                .map(rows -> Rows.list(rows, CampaignRepository::map));
    }

    public Uni<Long> count(String tenantId, CampaignStatus status) {
        return pool.preparedQuery("SELECT count(*) FROM campaign WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)")
                .execute(Tuple.of(tenantId, status == null ? null : status.name()))
                .map(Rows::count);
    }

    /** Campaigns the hopper loop looks after, across tenants. */
    public Uni<List<Campaign>> active() {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE status IN ('SCHEDULED', 'RUNNING') ORDER BY id")
                .execute()
                .map(rows -> Rows.list(rows, CampaignRepository::map));
    }

    /** Adds a spend delta (currency-checked by the caller). */
    public Uni<Void> addSpend(SqlClient client, String tenantId, UUID id, BigDecimal delta) {
        return client.preparedQuery("UPDATE campaign SET spent_amount = spent_amount + $3, updated_at = now() "
                        + "WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id, delta))
                .replaceWithVoid();
    }

    static Campaign map(Row r) {
        CampaignSettings settings = JsonColumns.read(r.getString("settings_json"), CampaignSettings.class);
        String currency = r.getString("budget_currency");
        BigDecimal spent = r.getBigDecimal("spent_amount");
        return new Campaign(r.getUUID("id"), r.getString("tenant_id"), CampaignStatus.valueOf(r.getString("status")),
                r.getString("status_reason"), settings, r.getInteger("rule_pack_version"), Rows.instant(r, "starts_at"),
                Rows.instant(r, "ends_at"), currency == null ? null : Money.of(spent, currency), Rows.instant(r, "started_at"),
                Rows.instant(r, "ended_at"), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }
}
