package io.waihu.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CallDetailRecordRepository {

    private static final String COLUMNS = "tenant_id, call_id, campaign_id, attempt_id, carrier_id, number, disposition, "
            + "setup_at, answered_at, ended_at, billable_seconds, rating_status, received_at, cost, currency, tariff_id, "
            + "tariff_version, destination_prefix, destination_class, billed_seconds, breakdown, unrated_reason, unrated_detail, rated_at";

    private final Pool pool;

    public CallDetailRecordRepository(Pool pool) {
        this.pool = pool;
    }

    /** What a listing may be narrowed to; null means any. */
    public record Filter(String campaignId, String carrierId, String destinationClass, Instant from, Instant to) {
    }

    /** Inside the consumer's transaction. @return false when the call was recorded before (the first record stays) */
    public Uni<Boolean> insert(SqlConnection conn, CallDetailRecord c) {
        return conn.preparedQuery("INSERT INTO call_detail_record (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                        + "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21::text::jsonb, $22, $23, $24) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[]{c.tenantId(), c.callId(), c.campaignId(), c.attemptId(), c.carrierId(), c.number(),
                        c.disposition(), Rows.utc(c.setupAt()), Rows.utc(c.answeredAt()), Rows.utc(c.endedAt()), c.billableSeconds(),
                        c.ratingStatus().name(), Rows.utc(c.receivedAt()), c.cost(), c.currency(), c.tariffId(), c.tariffVersion(),
                        c.destinationPrefix(), c.destinationClass(), c.billedSeconds(), JsonColumns.write(c.breakdown()), c.unratedReason(),
                        c.unratedDetail(), Rows.utc(c.ratedAt())}))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * One keyset page of the calls that ended in [from, to), ordered by (ended_at, call_id): a rerating run walks
     * them page after page without OFFSET, so a long window costs the same per page and memory stays flat.
     *
     * @param carrierId null for every carrier
     * @param after     the last call of the previous page, or null for the first page
     */
    public Uni<List<CallDetailRecord>> endedBetween(String tenantId, String carrierId, Instant from, Instant to,
                                                    CallDetailRecord after, int limit) {
        return pool.preparedQuery("SELECT " + columnsForRead() + " FROM call_detail_record WHERE tenant_id = $1 "
                        + "AND ($2::text IS NULL OR carrier_id = $2) AND ended_at >= $3 AND ended_at < $4 "
                        + "AND ($5::timestamptz IS NULL OR (ended_at, call_id) > ($5::timestamptz, $6::text)) "
                        + "ORDER BY ended_at, call_id LIMIT $7")
                .execute(Tuple.from(new Object[]{tenantId, carrierId, Rows.utc(from), Rows.utc(to),
                        after == null ? null : Rows.utc(after.endedAt()), after == null ? null : after.callId(), limit}))
                .map(rows -> Rows.list(rows, this::map));
    }

    /**
     * Replaces the rating of a stored call (a rerating), inside the caller's transaction with its event. Only if the
     * row still holds the rating it was read with ({@code before}): a concurrent run that got there first wins, and
     * this one changes nothing and must publish nothing.
     *
     * @return false when the row had changed meanwhile
     */
    public Uni<Boolean> updateRating(SqlConnection conn, CallDetailRecord before, CallDetailRecord after) {
        return conn.preparedQuery("UPDATE call_detail_record SET rating_status = $3, cost = $4, currency = $5, tariff_id = $6, "
                        + "tariff_version = $7, destination_prefix = $8, destination_class = $9, billed_seconds = $10, "
                        + "breakdown = $11::text::jsonb, unrated_reason = $12, unrated_detail = $13, rated_at = $14 "
                        + "WHERE tenant_id = $1 AND call_id = $2 AND rating_status = $15 AND cost IS NOT DISTINCT FROM $16::numeric")
                .execute(Tuple.from(new Object[]{after.tenantId(), after.callId(), after.ratingStatus().name(), after.cost(),
                        after.currency(), after.tariffId(), after.tariffVersion(), after.destinationPrefix(), after.destinationClass(),
                        after.billedSeconds(), JsonColumns.write(after.breakdown()), after.unratedReason(), after.unratedDetail(),
                        Rows.utc(after.ratedAt()), before.ratingStatus().name(), before.cost()}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<CallDetailRecord>> find(String tenantId, String callId) {
        return pool.preparedQuery("SELECT " + columnsForRead() + " FROM call_detail_record WHERE tenant_id = $1 AND call_id = $2")
                .execute(Tuple.of(tenantId, callId))
                .map(rows -> Rows.first(rows, this::map));
    }

    public Uni<List<CallDetailRecord>> page(String tenantId, Filter filter, PageParams page) {
        Tuple args = filterArgs(tenantId, filter).addLong((long) page.size).addLong(page.offset());
        return pool.preparedQuery("SELECT " + columnsForRead() + " FROM call_detail_record WHERE " + WHERE
                        + " ORDER BY ended_at DESC, call_id LIMIT $7 OFFSET $8")
                .execute(args)
                .map(rows -> Rows.list(rows, this::map));
    }

    public Uni<Long> count(String tenantId, Filter filter) {
        return pool.preparedQuery("SELECT count(*) FROM call_detail_record WHERE " + WHERE)
                .execute(filterArgs(tenantId, filter))
                .map(Rows::count);
    }

    /** Totals per carrier × destination class × currency over [from, to) by end time; rated calls only. */
    public record StatementLine(String carrierId, String destinationClass, String currency, long calls, long billableSeconds,
                                long billedSeconds, java.math.BigDecimal cost) {
    }

    public Uni<List<StatementLine>> statement(String tenantId, Instant from, Instant to) {
        return pool.preparedQuery("SELECT carrier_id, destination_class, currency, count(*), sum(billable_seconds), sum(billed_seconds), sum(cost) "
                        + "FROM call_detail_record WHERE tenant_id = $1 AND rating_status = 'RATED' AND ended_at >= $2 AND ended_at < $3 "
                        + "GROUP BY carrier_id, destination_class, currency ORDER BY carrier_id, destination_class, currency")
                .execute(Tuple.of(tenantId, Rows.utc(from), Rows.utc(to)))
                .map(rows -> Rows.list(rows, r -> new StatementLine(r.getString(0), r.getString(1), r.getString(2).trim(),
                        r.getLong(3), r.getLong(4), r.getLong(5), r.getBigDecimal(6))));
    }

    private static final String WHERE = "tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) AND ($3::text IS NULL OR carrier_id = $3) "
            + "AND ($4::text IS NULL OR destination_class = $4) AND ($5::timestamptz IS NULL OR ended_at >= $5) "
            + "AND ($6::timestamptz IS NULL OR ended_at < $6)";

    private static Tuple filterArgs(String tenantId, Filter f) {
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        args.add(f.campaignId());
        args.add(f.carrierId());
        args.add(f.destinationClass());
        args.add(Rows.utc(f.from()));
        args.add(Rows.utc(f.to()));
        return Tuple.from(args);
    }

    private static String columnsForRead() {
        return COLUMNS.replace("breakdown", "breakdown::text AS breakdown");
    }



    private CallDetailRecord map(Row r) {
        Long billed = r.getLong("billed_seconds");
        return new CallDetailRecord(r.getString("tenant_id"), r.getString("call_id"), r.getString("campaign_id"),
                r.getString("attempt_id"), r.getString("carrier_id"), r.getString("number"), r.getString("disposition"),
                Rows.instant(r, "setup_at"), Rows.instant(r, "answered_at"), Rows.instant(r, "ended_at"), r.getLong("billable_seconds"),
                CallDetailRecord.RatingStatus.valueOf(r.getString("rating_status")), Rows.instant(r, "received_at"),
                r.getBigDecimal("cost"), r.getString("currency") == null ? null : r.getString("currency").trim(),
                r.getString("tariff_id"), r.getInteger("tariff_version"), r.getString("destination_prefix"),
                r.getString("destination_class"), billed, JsonColumns.read(r.getString("breakdown"), RatedCall.class), r.getString("unrated_reason"),
                r.getString("unrated_detail"), Rows.instant(r, "rated_at"));
    }
}
