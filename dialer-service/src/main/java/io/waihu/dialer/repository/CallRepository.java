package io.waihu.dialer.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.service.CallJournal.Statement;
import io.waihu.events.dialer.AnsweredBy;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.DropReason;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The dialer's record of every attempt it handled: a call and its states, or a drop. */
@ApplicationScoped
public class CallRepository {

    /** Row states. SETUP: sent to a carrier, not taken yet; DROPPED: never placed (DialDropped). */
    public enum State { SETUP, PLACED, RINGING, ANSWERED, ENDED, DROPPED }

    private final Pool pool;

    public CallRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Opens the record of an attempt. @return false when the attempt was handled before (a duplicate request):
     * the unique (tenant, attempt) key makes one call per attempt whatever the redeliveries.
     */
    public Uni<Boolean> open(SqlConnection conn, String tenantId, String callId, String campaignId, String attemptId, String contactId,
                             String number, String calleeZone, String carrierId, String callerId, State state, Integer rulePackVersion,
                             Instant setupAt, DropReason dropReason, String dropDetail) {
        return conn.preparedQuery("INSERT INTO dialer_call (tenant_id, call_id, campaign_id, attempt_id, contact_id, number, callee_zone, "
                        + "carrier_id, caller_id, state, rule_pack_version, setup_at, drop_reason, drop_detail, ended_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                        + "ON CONFLICT (tenant_id, attempt_id) DO NOTHING")
                .execute(Tuple.from(new Object[]{tenantId, callId, campaignId, attemptId, contactId, number, calleeZone, carrierId,
                        callerId, state.name(), rulePackVersion, Rows.utc(setupAt), dropReason == null ? null : dropReason.name(),
                        dropDetail, state == State.DROPPED ? Rows.utc(setupAt) : null}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** When a call to each number was last abandoned, tenant-wide, since {@code since}. */
    public Uni<Map<String, Instant>> lastAbandons(SqlConnection conn, String tenantId, Collection<String> numbers, Instant since) {
        return conn.preparedQuery("SELECT number, max(ended_at) AS at FROM dialer_call WHERE tenant_id = $1 AND abandoned "
                        + "AND number = ANY($2) AND ended_at >= $3 GROUP BY number")
                .execute(Tuple.of(tenantId, numbers.toArray(new String[0]), Rows.utc(since)))
                .map(rows -> {
                    Map<String, Instant> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("number"), Rows.instant(r, "at")));
                    return out;
                });
    }

    public static Statement placed(String tenantId, String callId, String carrierId, Instant setupAt) {
        return new Statement("UPDATE dialer_call SET state = 'PLACED', carrier_id = $3, setup_at = $4, updated_at = now() "
                + "WHERE tenant_id = $1 AND call_id = $2", Tuple.of(tenantId, callId, carrierId, Rows.utc(setupAt)), 1);
    }

    public static Statement ringing(String tenantId, String callId, Instant at) {
        return new Statement("UPDATE dialer_call SET state = 'RINGING', ringing_at = $3, updated_at = now() "
                + "WHERE tenant_id = $1 AND call_id = $2", Tuple.of(tenantId, callId, Rows.utc(at)), 2);
    }

    public static Statement answered(String tenantId, String callId, Instant at, AnsweredBy by) {
        return new Statement("UPDATE dialer_call SET state = 'ANSWERED', answered_at = $3, answered_by = $4, updated_at = now() "
                + "WHERE tenant_id = $1 AND call_id = $2", Tuple.of(tenantId, callId, Rows.utc(at), by.name()), 3);
    }

    public static Statement bridged(String tenantId, String callId, String agentId) {
        return new Statement("UPDATE dialer_call SET agent_id = $3, updated_at = now() WHERE tenant_id = $1 AND call_id = $2",
                Tuple.of(tenantId, callId, agentId), 4);
    }

    public static Statement ended(String tenantId, String callId, CallDisposition disposition, Instant endedAt, long billableSeconds,
                                  boolean abandoned, String agentId) {
        return new Statement("UPDATE dialer_call SET state = 'ENDED', disposition = $3, ended_at = $4, billable_seconds = $5, "
                + "abandoned = $6, agent_id = coalesce($7, agent_id), updated_at = now() WHERE tenant_id = $1 AND call_id = $2",
                Tuple.from(new Object[]{tenantId, callId, disposition.name(), Rows.utc(endedAt), billableSeconds, abandoned, agentId}), 5);
    }

    public static Statement dropped(String tenantId, String callId, DropReason reason, String detail, Instant at) {
        return new Statement("UPDATE dialer_call SET state = 'DROPPED', drop_reason = $3, drop_detail = $4, ended_at = $5, "
                + "updated_at = now() WHERE tenant_id = $1 AND call_id = $2",
                Tuple.of(tenantId, callId, reason.name(), detail, Rows.utc(at)), 5);
    }

    /** Adds a live answer (and an abandon) to the campaign's 15-minute bucket. */
    public static Statement countLiveAnswer(String tenantId, String campaignId, Instant bucketStart, boolean abandoned) {
        return new Statement("INSERT INTO abandon_bucket (tenant_id, campaign_id, bucket_start, live_answers, abandoned) "
                + "VALUES ($1, $2, $3, 1, $4) ON CONFLICT (tenant_id, campaign_id, bucket_start) DO UPDATE SET "
                + "live_answers = abandon_bucket.live_answers + 1, abandoned = abandon_bucket.abandoned + EXCLUDED.abandoned",
                Tuple.of(tenantId, campaignId, Rows.utc(bucketStart), abandoned ? 1L : 0L));
    }

    /** Abandon buckets since an instant, for every campaign: the ledgers are rebuilt from them at start. */
    public Uni<List<Row>> bucketsSince(Instant since) {
        return pool.preparedQuery("SELECT tenant_id, campaign_id, bucket_start, live_answers, abandoned FROM abandon_bucket "
                        + "WHERE bucket_start >= $1").execute(Tuple.of(Rows.utc(since)))
                .map(rows -> Rows.list(rows, r -> r));
    }

    /** Calls that were in progress when the dialer stopped. */
    public Uni<List<Row>> unfinished() {
        return pool.query("SELECT tenant_id, call_id, campaign_id, attempt_id, contact_id, number, callee_zone, carrier_id, agent_id, state, "
                        + "setup_at, ringing_at, answered_at, answered_by FROM dialer_call WHERE state IN ('SETUP', 'PLACED', 'RINGING', 'ANSWERED')")
                .execute().map(rows -> Rows.list(rows, r -> r));
    }

    public Uni<Long> countByState(String tenantId, String campaignId, State state) {
        return pool.preparedQuery("SELECT count(*) FROM dialer_call WHERE tenant_id = $1 AND campaign_id = $2 AND state = $3")
                .execute(Tuple.of(tenantId, campaignId, state.name())).map(Rows::count);
    }
}
