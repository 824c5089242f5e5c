package io.waihu.dialer.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.rules.DialRequest;
import io.waihu.events.campaign.DialRequested;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The per-campaign queue of dial requests waiting for a line. */
@ApplicationScoped
public class DialRequestRepository {

    private static final String COLUMNS = "tenant_id, attempt_id, campaign_id, contact_id, number, callee_zones::text, deadline, "
            + "attempt_number, priority, received_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Pool pool;

    public DialRequestRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Queues the request once per attempt: a redelivery, or the same attempt under a new event id, is ignored,
     * also when the first one was already placed or dropped (dialer_call holds every handled attempt).
     *
     * @return true when it was queued
     */
    public Uni<Boolean> enqueue(SqlConnection conn, DialRequested r) {
        return conn.preparedQuery("INSERT INTO dial_request (tenant_id, attempt_id, campaign_id, contact_id, number, callee_zones, "
                        + "deadline, attempt_number, priority) SELECT $1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM dialer_call c WHERE c.tenant_id = $1 AND c.attempt_id = $2) "
                        + "ON CONFLICT (tenant_id, attempt_id) DO NOTHING")
                .execute(Tuple.from(new Object[]{r.tenantId(), r.attemptId(), r.campaignId(), r.contactId(), r.number(),
                        JsonColumns.write(r.calleeZones()), Rows.utc(r.deadline()), r.attemptNumber(), r.priority()}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Locks up to {@code limit} queued requests of a campaign, highest priority then oldest first. */
    public Uni<List<DialRequest>> lockNext(SqlConnection conn, String tenantId, String campaignId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "ORDER BY priority DESC, received_at LIMIT $3 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(tenantId, campaignId, limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::map));
    }

    /** Locks requests whose deadline has passed, of any campaign. */
    public Uni<List<DialRequest>> lockExpired(SqlConnection conn, Instant now, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE deadline <= $1 ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Rows.utc(now), limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::map));
    }

    /** Locks requests received before {@code receivedBefore} for campaigns the dialer would not dial for. */
    public Uni<List<DialRequest>> lockForCampaigns(SqlConnection conn, String tenantId, Collection<String> campaignIds,
                                                   Instant receivedBefore, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE tenant_id = $1 AND campaign_id = ANY($2) "
                        + "AND received_at < $3 LIMIT $4 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(tenantId, campaignIds.toArray(new String[0]), Rows.utc(receivedBefore), limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::map));
    }

    public Uni<Void> delete(SqlConnection conn, String tenantId, Collection<String> attemptIds) {
        if (attemptIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("DELETE FROM dial_request WHERE tenant_id = $1 AND attempt_id = ANY($2)")
                .execute(Tuple.of(tenantId, attemptIds.toArray(new String[0]))).replaceWithVoid();
    }

    /** Queued requests per (tenant, campaign). */
    public Uni<Map<String, Integer>> queuedByCampaign() {
        return pool.query("SELECT tenant_id, campaign_id, count(*) FROM dial_request GROUP BY tenant_id, campaign_id").execute()
                .map(rows -> {
                    Map<String, Integer> out = new HashMap<>();
                    rows.forEach(r -> out.put(key(r.getString(0), r.getString(1)), r.getLong(2).intValue()));
                    return out;
                });
    }

    /** Tenants and campaigns with queued requests, as "tenant/campaign" keys. */
    public static String key(String tenantId, String campaignId) {
        return tenantId + "/" + campaignId;
    }

    private static DialRequest map(Row r) {
        return new DialRequest(r.getString("tenant_id"), r.getString("attempt_id"), r.getString("campaign_id"),
                r.getString("contact_id"), r.getString("number"), JsonColumns.read(r.getString(5), STRINGS),
                Rows.instant(r, "deadline"), r.getInteger("attempt_number"), r.getInteger("priority"), Rows.instant(r, "received_at"));
    }
}
