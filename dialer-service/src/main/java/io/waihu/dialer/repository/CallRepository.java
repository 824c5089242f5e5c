package io.waihu.dialer.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.service.CallJournal.Statement;
import io.waihu.dialer.service.CallUpdate;
import io.waihu.events.NumberType;
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
                             Instant setupAt, DropReason dropReason, String dropDetail, NumberType numberType, String rangeCarrier) {
        return conn.preparedQuery("INSERT INTO dialer_call (tenant_id, call_id, campaign_id, attempt_id, contact_id, number, callee_zone, "
                        + "carrier_id, caller_id, state, rule_pack_version, setup_at, drop_reason, drop_detail, ended_at, number_type, "
                        + "range_carrier) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
                        + "ON CONFLICT (tenant_id, attempt_id) DO NOTHING")
                .execute(Tuple.from(new Object[]{tenantId, callId, campaignId, attemptId, contactId, number, calleeZone, carrierId,
                        callerId, state.name(), rulePackVersion, Rows.utc(setupAt), dropReason == null ? null : dropReason.name(),
                        dropDetail, state == State.DROPPED ? Rows.utc(setupAt) : null, numberType == null ? null : numberType.name(),
                        rangeCarrier}))
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
        return Statement.of(CallUpdate.of(tenantId, callId, "PLACED", 1).carrier(carrierId, setupAt));
    }

    public static Statement ringing(String tenantId, String callId, Instant at) {
        CallUpdate u = CallUpdate.of(tenantId, callId, "RINGING", 2);
        return Statement.of(new CallUpdate(tenantId, callId, u.state(), u.order(), null, null, at, null, null, null, null, null, null, null,
                null, null));
    }

    public static Statement answered(String tenantId, String callId, Instant at, AnsweredBy by) {
        return Statement.of(new CallUpdate(tenantId, callId, "ANSWERED", 3, null, null, null, at, by.name(), null, null, null, null, null,
                null, null));
    }

    public static Statement bridged(String tenantId, String callId, String agentId) {
        return Statement.of(new CallUpdate(tenantId, callId, "ANSWERED", 3, null, null, null, null, null, agentId, null, null, null, null,
                null, null));
    }

    public static Statement ended(String tenantId, String callId, CallDisposition disposition, Instant endedAt, long billableSeconds,
                                  boolean abandoned, String agentId) {
        return Statement.of(new CallUpdate(tenantId, callId, "ENDED", 5, null, null, null, null, null, agentId, disposition.name(), endedAt,
                billableSeconds, abandoned, null, null));
    }

    public static Statement dropped(String tenantId, String callId, DropReason reason, String detail, Instant at) {
        return Statement.of(new CallUpdate(tenantId, callId, "DROPPED", 5, null, null, null, null, null, null, null, at, null, null,
                reason.name(), detail));
    }

    /** Row updates of many calls in one statement (at most one per call: the journal merges them first). */
    public static final String UPDATE_MANY = "UPDATE dialer_call c SET state = u.state, carrier_id = coalesce(u.carrier_id, c.carrier_id), "
            + "setup_at = coalesce(u.setup_at, c.setup_at), ringing_at = coalesce(u.ringing_at, c.ringing_at), "
            + "answered_at = coalesce(u.answered_at, c.answered_at), answered_by = coalesce(u.answered_by, c.answered_by), "
            + "agent_id = coalesce(u.agent_id, c.agent_id), disposition = coalesce(u.disposition, c.disposition), "
            + "ended_at = coalesce(u.ended_at, c.ended_at), billable_seconds = coalesce(u.billable_seconds, c.billable_seconds), "
            + "abandoned = coalesce(u.abandoned, c.abandoned), drop_reason = coalesce(u.drop_reason, c.drop_reason), "
            + "drop_detail = coalesce(u.drop_detail, c.drop_detail), updated_at = now() "
            + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], "
            + "$8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::int8[], $13::bool[], $14::text[], $15::text[]) "
            + "AS u(tenant_id, call_id, state, carrier_id, setup_at, ringing_at, answered_at, answered_by, agent_id, disposition, ended_at, "
            + "billable_seconds, abandoned, drop_reason, drop_detail) WHERE c.tenant_id = u.tenant_id AND c.call_id = u.call_id";

    public static Tuple updateManyParams(java.util.Collection<CallUpdate> updates) {
        int n = updates.size();
        String[] tenant = new String[n], call = new String[n], state = new String[n], carrier = new String[n], answeredBy = new String[n],
                agent = new String[n], disposition = new String[n], dropReason = new String[n], dropDetail = new String[n];
        java.time.OffsetDateTime[] setup = new java.time.OffsetDateTime[n], ringing = new java.time.OffsetDateTime[n],
                answered = new java.time.OffsetDateTime[n], ended = new java.time.OffsetDateTime[n];
        Long[] billable = new Long[n];
        Boolean[] abandoned = new Boolean[n];
        int i = 0;
        for (CallUpdate u : updates) {
            tenant[i] = u.tenantId();
            call[i] = u.callId();
            state[i] = u.state();
            carrier[i] = u.carrierId();
            setup[i] = Rows.utc(u.setupAt());
            ringing[i] = Rows.utc(u.ringingAt());
            answered[i] = Rows.utc(u.answeredAt());
            answeredBy[i] = u.answeredBy();
            agent[i] = u.agentId();
            disposition[i] = u.disposition();
            ended[i] = Rows.utc(u.endedAt());
            billable[i] = u.billableSeconds();
            abandoned[i] = u.abandoned();
            dropReason[i] = u.dropReason();
            dropDetail[i] = u.dropDetail();
            i++;
        }
        return Tuple.from(new Object[]{tenant, call, state, carrier, setup, ringing, answered, answeredBy, agent, disposition, ended,
                billable, abandoned, dropReason, dropDetail});
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
                        + "setup_at, ringing_at, answered_at, answered_by, number_type, range_carrier FROM dialer_call "
                        + "WHERE state IN ('SETUP', 'PLACED', 'RINGING', 'ANSWERED')")
                .execute().map(rows -> Rows.list(rows, r -> r));
    }

    public Uni<Long> countByState(String tenantId, String campaignId, State state) {
        return pool.preparedQuery("SELECT count(*) FROM dialer_call WHERE tenant_id = $1 AND campaign_id = $2 AND state = $3")
                .execute(Tuple.of(tenantId, campaignId, state.name())).map(Rows::count);
    }
}
