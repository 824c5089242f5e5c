package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.Attempt;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.DialDropped;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AttemptRepository {

    static final String COLUMNS = "id, tenant_id, campaign_id, contact_id, number, callee_zones, attempt_number, priority, "
            + "rule_pack_id, rule_pack_version, status, requested_at, deadline, call_id, carrier_id, agent_id, disposition, "
            + "abandoned, setup_at, answered_at, ended_at, billable_seconds, drop_reason, drop_detail, next_attempt_at, "
            + "outcome, outcome_note, outcome_by, outcome_at";

    private final Pool pool;

    public AttemptRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Attempt>> lock(SqlClient client, String tenantId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM attempt WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, AttemptRepository::map));
    }

    public Uni<Void> markPlaced(SqlClient client, String tenantId, UUID id, String callId, String carrierId) {
        // a request the hopper expired stays EXPIRED when the dialer places it late: its slot and count were given
        // back, and its end counts it again (CallEventsService); as PLACED it would hold a slot nobody frees
        return client.preparedQuery("UPDATE attempt SET status = CASE WHEN status = 'EXPIRED' THEN 'EXPIRED' ELSE 'PLACED' END, "
                        + "call_id = $3, carrier_id = coalesce($4, carrier_id), "
                        + "updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status IN ('REQUESTED', 'EXPIRED')")
                .execute(Tuple.of(tenantId, id, callId, carrierId))
                .replaceWithVoid();
    }

    public Uni<Void> markEnded(SqlClient client, UUID id, CallEnded e, Instant nextAttemptAt) {
        return client.preparedQuery("UPDATE attempt SET status = 'ENDED', call_id = $2, carrier_id = $3, agent_id = $4, "
                        + "disposition = $5, abandoned = $6, setup_at = $7, answered_at = $8, ended_at = $9, billable_seconds = $10, "
                        + "next_attempt_at = $11, updated_at = now() WHERE id = $1")
                .execute(Tuple.from(new Object[]{id, e.callId(), e.carrierId(), e.agentId(), e.disposition().name(), e.abandoned(),
                        Rows.utc(e.setupAt()), Rows.utc(e.answeredAt()), Rows.utc(e.endedAt()), e.billableSeconds(), Rows.utc(nextAttemptAt)}))
                .replaceWithVoid();
    }

    public Uni<Void> markDropped(SqlClient client, UUID id, DialDropped e, Instant nextAttemptAt) {
        return client.preparedQuery("UPDATE attempt SET status = 'DROPPED', call_id = $2, drop_reason = $3, drop_detail = $4, "
                        + "next_attempt_at = $5, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, e.callId(), e.reason().name(), e.detail(), Rows.utc(nextAttemptAt)))
                .replaceWithVoid();
    }

    public Uni<Void> recordOutcome(SqlClient client, UUID id, String code, String note, String by, Instant at) {
        return client.preparedQuery("UPDATE attempt SET outcome = $2, outcome_note = $3, outcome_by = $4, outcome_at = $5, "
                        + "updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, code, note, by, Rows.utc(at)))
                .replaceWithVoid();
    }

    public Uni<List<Attempt>> page(String tenantId, UUID campaignId, String disposition, UUID contactId, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM attempt WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "AND ($3::text IS NULL OR disposition = $3 OR outcome = $3) AND ($4::uuid IS NULL OR contact_id = $4) "
                        + "ORDER BY requested_at DESC, id LIMIT $5 OFFSET $6")
                .execute(Tuple.from(new Object[]{tenantId, campaignId, disposition, contactId, page.size, page.offset()}))
                .map(rows -> Rows.list(rows, AttemptRepository::map));
    }

    public Uni<Long> count(String tenantId, UUID campaignId, String disposition, UUID contactId) {
        return pool.preparedQuery("SELECT count(*) FROM attempt WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "AND ($3::text IS NULL OR disposition = $3 OR outcome = $3) AND ($4::uuid IS NULL OR contact_id = $4)")
                .execute(Tuple.of(tenantId, campaignId, disposition, contactId))
                .map(Rows::count);
    }

    static Attempt map(Row r) {
        String[] zones = r.getArrayOfStrings("callee_zones");
        return new Attempt(r.getUUID("id"), r.getString("tenant_id"), r.getUUID("campaign_id"), r.getUUID("contact_id"),
                r.getString("number"), zones == null ? List.of() : Arrays.asList(zones), r.getInteger("attempt_number"),
                r.getInteger("priority"), r.getString("rule_pack_id"), r.getInteger("rule_pack_version"), r.getString("status"),
                Rows.instant(r, "requested_at"), Rows.instant(r, "deadline"), r.getString("call_id"), r.getString("carrier_id"),
                r.getString("agent_id"), r.getString("disposition"), r.getBoolean("abandoned"), Rows.instant(r, "setup_at"),
                Rows.instant(r, "answered_at"), Rows.instant(r, "ended_at"), r.getLong("billable_seconds"),
                r.getString("drop_reason"), r.getString("drop_detail"), Rows.instant(r, "next_attempt_at"),
                r.getString("outcome"), r.getString("outcome_note"), r.getString("outcome_by"), Rows.instant(r, "outcome_at"));
    }
}
