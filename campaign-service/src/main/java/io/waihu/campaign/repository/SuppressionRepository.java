package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.SuppressionEntry;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SuppressionRepository {

    private static final String COLUMNS = "id, tenant_id, campaign_id, digits, prefix_match, expires_at, source, reason, created_at, removed_at";

    /**
     * The SQL condition "an entry in force covers this number for this campaign", for queries over
     * {@code suppression_entry e}. Parameters: {@code $tenant} text, {@code $digits} the number's E.164 digits
     * without '+', {@code $campaign} text or null. Every leading substring of the number is looked up through the
     * (tenant_id, digits) index, so prefix entries cost no scan.
     */
    public static String activeMatchCondition(String tenant, String digits, String campaign) {
        return "e.tenant_id = " + tenant
                + " AND e.digits = ANY (ARRAY(SELECT substr(" + digits + ", 1, n) FROM generate_series(1, length(" + digits + ")) n))"
                + " AND (e.prefix_match OR e.digits = " + digits + ")"
                + " AND (e.campaign_id IS NULL OR e.campaign_id = " + campaign + ")"
                + " AND e.removed_at IS NULL AND (e.expires_at IS NULL OR e.expires_at > now())";
    }

    private final Pool pool;

    public SuppressionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts a live entry, or refreshes the live one of the same scope, digits and kind (expiry, source, reason).
     * @return the entry's id (the existing one when it was refreshed)
     */
    public Uni<UUID> upsert(SqlConnection conn, UUID id, String tenantId, String campaignId, String digits, boolean prefixMatch,
                            Instant expiresAt, String source, String reason) {
        return conn.preparedQuery("INSERT INTO suppression_entry (id, tenant_id, campaign_id, digits, prefix_match, expires_at, source, reason) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                        + "ON CONFLICT (tenant_id, (coalesce(campaign_id, '')), digits, prefix_match) WHERE removed_at IS NULL "
                        + "DO UPDATE SET expires_at = EXCLUDED.expires_at, source = EXCLUDED.source, reason = EXCLUDED.reason "
                        + "RETURNING id")
                .execute(Tuple.from(new Object[]{id, tenantId, campaignId, digits, prefixMatch, Rows.utc(expiresAt), source, reason}))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    /** Marks the live entry removed; empty when there is none with this id in the scope. */
    public Uni<Optional<SuppressionEntry>> markRemoved(SqlConnection conn, String tenantId, String campaignId, UUID id) {
        return conn.preparedQuery("UPDATE suppression_entry SET removed_at = now() WHERE tenant_id = $1 AND id = $2 "
                        + "AND campaign_id IS NOT DISTINCT FROM $3 AND removed_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id, campaignId))
                .map(rows -> Rows.first(rows, SuppressionRepository::map));
    }

    public Uni<Optional<SuppressionEntry>> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM suppression_entry WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, SuppressionRepository::map));
    }

    /** Every entry in force that covers the number: tenant-wide ones and, when campaignId is given, that campaign's. */
    public Uni<List<SuppressionEntry>> activeMatches(SqlClient client, String tenantId, String campaignId, String numberDigits) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM suppression_entry e WHERE "
                        + activeMatchCondition("$1", "$2", "$3") + " ORDER BY e.created_at")
                .execute(Tuple.of(tenantId, numberDigits, campaignId))
                .map(rows -> Rows.list(rows, SuppressionRepository::map));
    }

    public Uni<List<SuppressionEntry>> activeMatches(String tenantId, String campaignId, String numberDigits) {
        return activeMatches(pool, tenantId, campaignId, numberDigits);
    }

    /**
     * One scope's entries, newest first. {@code campaignId} null lists tenant-wide entries. {@code digitsPrefix}
     * filters on the start of the stored digits; {@code includeInactive} also lists removed and expired entries.
     */
    public Uni<List<SuppressionEntry>> page(String tenantId, String campaignId, String digitsPrefix, String source,
                                            boolean includeInactive, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM suppression_entry WHERE " + filter() + " ORDER BY created_at DESC, id LIMIT $6 OFFSET $7")
                .execute(Tuple.from(new Object[]{tenantId, campaignId, digitsPrefix, source, includeInactive, page.size, page.offset()}))
                .map(rows -> Rows.list(rows, SuppressionRepository::map));
    }

    public Uni<Long> count(String tenantId, String campaignId, String digitsPrefix, String source, boolean includeInactive) {
        return pool.preparedQuery("SELECT count(*) FROM suppression_entry WHERE " + filter())
                .execute(Tuple.from(new Object[]{tenantId, campaignId, digitsPrefix, source, includeInactive}))
                .map(Rows::count);
    }

    private static String filter() {
        return "tenant_id = $1 AND campaign_id IS NOT DISTINCT FROM $2 AND ($3::text IS NULL OR digits LIKE $3 || '%') "
                + "AND ($4::text IS NULL OR source = $4) "
                + "AND ($5::boolean OR (removed_at IS NULL AND (expires_at IS NULL OR expires_at > now())))";
    }

    static SuppressionEntry map(Row r) {
        return new SuppressionEntry(r.getUUID("id"), r.getString("tenant_id"), r.getString("campaign_id"), r.getString("digits"),
                r.getBoolean("prefix_match"), Rows.instant(r, "expires_at"), r.getString("source"), r.getString("reason"),
                Rows.instant(r, "created_at"), Rows.instant(r, "removed_at"));
    }
}
