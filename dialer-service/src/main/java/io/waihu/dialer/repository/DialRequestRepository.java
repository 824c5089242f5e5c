package io.waihu.dialer.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.rules.DialRequest;
import io.waihu.events.NumberType;
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
            + "attempt_number, priority, received_at, number_type, range_carrier";
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
                        + "deadline, attempt_number, priority, number_type, range_carrier) "
                        + "SELECT $1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM dialer_call c WHERE c.tenant_id = $1 AND c.attempt_id = $2) "
                        + "ON CONFLICT (tenant_id, attempt_id) DO NOTHING")
                .execute(Tuple.from(new Object[]{r.tenantId(), r.attemptId(), r.campaignId(), r.contactId(), r.number(),
                        JsonColumns.write(r.calleeZones()), Rows.utc(r.deadline()), r.attemptNumber(), r.priority(),
                        r.numberType() == null ? null : r.numberType().name(), r.rangeCarrier()}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Locks up to {@code limit} queued requests of a campaign, highest priority then oldest first. */
    public Uni<List<DialRequest>> lockNext(SqlConnection conn, String tenantId, String campaignId, int limit) {
        // a request an agent holds (PREVIEW) is not the pacer's, even if the campaign changed mode meanwhile
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "AND reserved_by IS NULL ORDER BY priority DESC, received_at LIMIT $3 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(tenantId, campaignId, limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::map));
    }

    /**
     * Locks requests whose deadline has passed, of any campaign. One an agent holds waits until the agent dials it
     * (the rule check drops it then) or the reservation times out.
     */
    public Uni<List<DialRequest>> lockExpired(SqlConnection conn, Instant now, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE deadline <= $1 "
                        + "AND (reserved_by IS NULL OR reserved_until < $1) ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Rows.utc(now), limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::map));
    }

    /** Locks requests received before {@code receivedBefore} for campaigns the dialer would not dial for. */
    public Uni<List<DialRequest>> lockForCampaigns(SqlConnection conn, String tenantId, Collection<String> campaignIds,
                                                   Instant receivedBefore, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE tenant_id = $1 AND campaign_id = ANY($2) "
                        + "AND received_at < $3 AND (reserved_by IS NULL OR reserved_until < now()) LIMIT $4 FOR UPDATE SKIP LOCKED")
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

    // ------------------------------------------------------------ PREVIEW reservations

    /** A queued request an agent holds: the call id it will be placed under, and until when the agent may act. */
    public record Reservation(DialRequest request, String agentId, String callId, Instant until) {
    }

    /**
     * Locks the next requests an agent may be offered: of these campaigns, deadline not passed, held by nobody (or
     * by a reservation that timed out), not skipped by this agent; highest priority, then oldest.
     */
    public Uni<List<DialRequest>> lockOfferable(SqlConnection conn, String tenantId, Collection<String> campaignIds, String agentId,
                                               Instant now, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM dial_request WHERE tenant_id = $1 AND campaign_id = ANY($2) "
                        + "AND deadline > $3 AND (reserved_by IS NULL OR reserved_until < $3) AND NOT ($4 = ANY(skipped_by)) "
                        + "ORDER BY priority DESC, received_at LIMIT $5 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(tenantId, campaignIds.toArray(new String[0]), Rows.utc(now), agentId, limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::map));
    }

    public Uni<Void> reserve(SqlConnection conn, String tenantId, String attemptId, String agentId, String callId, Instant until) {
        return conn.preparedQuery("UPDATE dial_request SET reserved_by = $3, reserved_call_id = $4, reserved_until = $5 "
                        + "WHERE tenant_id = $1 AND attempt_id = $2")
                .execute(Tuple.of(tenantId, attemptId, agentId, callId, Rows.utc(until))).replaceWithVoid();
    }

    /** Locks a held request (null when it is not queued any more). */
    public Uni<Reservation> lockReservation(SqlConnection conn, String tenantId, String attemptId) {
        return conn.preparedQuery("SELECT " + COLUMNS + ", reserved_by, reserved_call_id, reserved_until FROM dial_request "
                        + "WHERE tenant_id = $1 AND attempt_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, attemptId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? reservation(it.next()) : null;
                });
    }

    /** The request an agent holds now, if any. */
    public Uni<Reservation> heldBy(String tenantId, String agentId, Instant now) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", reserved_by, reserved_call_id, reserved_until FROM dial_request "
                        + "WHERE tenant_id = $1 AND reserved_by = $2 AND reserved_until >= $3")
                .execute(Tuple.of(tenantId, agentId, Rows.utc(now)))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? reservation(it.next()) : null;
                });
    }

    /** Releases whatever an agent still holds in the database (stale once the agent is READY, e.g. after a restart). */
    public Uni<Void> releaseHeldBy(SqlConnection conn, String tenantId, String agentId) {
        return conn.preparedQuery("UPDATE dial_request SET reserved_by = NULL, reserved_call_id = NULL, reserved_until = NULL "
                        + "WHERE tenant_id = $1 AND reserved_by = $2")
                .execute(Tuple.of(tenantId, agentId)).replaceWithVoid();
    }

    /** Puts a held request back in the queue; {@code skippedBy} (or null) is not offered it again. */
    public Uni<Void> release(SqlConnection conn, String tenantId, String attemptId, String skippedBy) {
        return conn.preparedQuery("UPDATE dial_request SET reserved_by = NULL, reserved_call_id = NULL, reserved_until = NULL, "
                        + "skipped_by = CASE WHEN $3::text IS NULL THEN skipped_by ELSE array_append(skipped_by, $3::text) END "
                        + "WHERE tenant_id = $1 AND attempt_id = $2")
                .execute(Tuple.of(tenantId, attemptId, skippedBy)).replaceWithVoid();
    }

    /** Puts back every request whose reservation timed out; returns who held them. */
    public Uni<List<Reservation>> releaseTimedOut(Instant now, int limit) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT " + COLUMNS + ", reserved_by, reserved_call_id, reserved_until "
                        + "FROM dial_request WHERE reserved_by IS NOT NULL AND reserved_until < $1 LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Rows.utc(now), limit))
                .map(rows -> Rows.list(rows, DialRequestRepository::reservation))
                .call(held -> held.isEmpty() ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("UPDATE dial_request SET reserved_by = NULL, reserved_call_id = NULL, reserved_until = NULL "
                                + "WHERE reserved_by IS NOT NULL AND reserved_until < $1 AND (tenant_id, attempt_id) IN "
                                + "(SELECT * FROM unnest($2::text[], $3::text[]))")
                        .execute(Tuple.of(Rows.utc(now), held.stream().map(h -> h.request().tenantId()).toArray(String[]::new),
                                held.stream().map(h -> h.request().attemptId()).toArray(String[]::new)))));
    }

    private static Reservation reservation(Row r) {
        return new Reservation(map(r), r.getString("reserved_by"), r.getString("reserved_call_id"), Rows.instant(r, "reserved_until"));
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
                Rows.instant(r, "deadline"), r.getInteger("attempt_number"), r.getInteger("priority"), Rows.instant(r, "received_at"),
                numberType(r), r.getString("range_carrier"));
    }

    /** The stored reading's type; null when the request carried none. */
    public static NumberType numberType(Row r) {
        String type = r.getString("number_type");
        return type == null ? null : NumberType.valueOf(type);
    }
}
