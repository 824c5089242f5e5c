package io.waihu.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CallDetailRecordRepository {

    private static final String COLUMNS = "tenant_id, call_id, campaign_id, attempt_id, carrier_id, number, disposition, "
            + "setup_at, answered_at, ended_at, billable_seconds, rating_status, received_at";

    private final Pool pool;

    public CallDetailRecordRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inside the consumer's transaction; a second CallEnded for the same call keeps the first record. */
    public Uni<Void> insert(SqlConnection conn, CallDetailRecord cdr) {
        return conn.preparedQuery("INSERT INTO call_detail_record (" + COLUMNS + ") "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[]{cdr.tenantId(), cdr.callId(), cdr.campaignId(), cdr.attemptId(),
                        cdr.carrierId(), cdr.number(), cdr.disposition(), Rows.utc(cdr.setupAt()), Rows.utc(cdr.answeredAt()),
                        Rows.utc(cdr.endedAt()), cdr.billableSeconds(), cdr.ratingStatus().name(), Rows.utc(cdr.receivedAt())}))
                .replaceWithVoid();
    }

    public Uni<Optional<CallDetailRecord>> find(String tenantId, String callId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM call_detail_record WHERE tenant_id = $1 AND call_id = $2")
                .execute(Tuple.of(tenantId, callId))
                .map(rows -> Rows.first(rows, CallDetailRecordRepository::map));
    }

    public Uni<List<CallDetailRecord>> page(String tenantId, String campaignId, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM call_detail_record WHERE tenant_id = $1 "
                        + "AND ($2::text IS NULL OR campaign_id = $2) ORDER BY ended_at DESC, call_id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, campaignId, page.size, page.offset()))
                .map(rows -> Rows.list(rows, CallDetailRecordRepository::map));
    }

    public Uni<Long> count(String tenantId, String campaignId) {
        return pool.preparedQuery("SELECT count(*) FROM call_detail_record WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2)")
                .execute(Tuple.of(tenantId, campaignId))
                .map(Rows::count);
    }

    private static CallDetailRecord map(Row r) {
        return new CallDetailRecord(r.getString("tenant_id"), r.getString("call_id"), r.getString("campaign_id"),
                r.getString("attempt_id"), r.getString("carrier_id"), r.getString("number"), r.getString("disposition"),
                Rows.instant(r, "setup_at"), Rows.instant(r, "answered_at"), Rows.instant(r, "ended_at"), r.getLong("billable_seconds"),
                CallDetailRecord.RatingStatus.valueOf(r.getString("rating_status")), Rows.instant(r, "received_at"));
    }
}
