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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    public record Filter(String campaignId, String carrierId, String destinationClass, Instant from, Instant to, String ratingStatus) {
    }

    /** Many records in one statement; the ordinality keeps the batch's order, so the first of a call id wins. */
    private static final String INSERT_ALL = "INSERT INTO call_detail_record (" + COLUMNS + ") SELECT u.tenant_id, u.call_id, "
            + "u.campaign_id, u.attempt_id, u.carrier_id, u.number, u.disposition, u.setup_at, u.answered_at, u.ended_at, "
            + "u.billable_seconds, u.rating_status, u.received_at, u.cost, u.currency, u.tariff_id, u.tariff_version, "
            + "u.destination_prefix, u.destination_class, u.billed_seconds, u.breakdown::jsonb, u.unrated_reason, "
            + "u.unrated_detail, u.rated_at FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
            + "$7::text[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::bigint[], $12::text[], "
            + "$13::timestamptz[], $14::numeric[], $15::text[], $16::text[], $17::int[], $18::text[], $19::text[], "
            + "$20::bigint[], $21::text[], $22::text[], $23::text[], $24::timestamptz[]) WITH ORDINALITY AS u(tenant_id, "
            + "call_id, campaign_id, attempt_id, carrier_id, number, disposition, setup_at, answered_at, ended_at, "
            + "billable_seconds, rating_status, received_at, cost, currency, tariff_id, tariff_version, destination_prefix, "
            + "destination_class, billed_seconds, breakdown, unrated_reason, unrated_detail, rated_at, n) ORDER BY u.n "
            + "ON CONFLICT (tenant_id, call_id) DO NOTHING RETURNING tenant_id, call_id";

    /** A call recorded in this batch: its tenant and id. */
    public record CallKey(String tenantId, String callId) {
    }

    /**
     * Inside the consumer's transaction: a call recorded before keeps its first
     * record, whatever event it came under.
     *
     * @return the calls this statement recorded (the others were recorded before)
     */
    public Uni<Set<CallKey>> insertAll(SqlConnection conn, List<CallDetailRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = records.size();
        String[] tenants = new String[n], calls = new String[n], campaigns = new String[n], attempts = new String[n],
                carriers = new String[n], numbers = new String[n], dispositions = new String[n], statuses = new String[n],
                currencies = new String[n], tariffIds = new String[n], prefixes = new String[n], classes = new String[n],
                breakdowns = new String[n], reasons = new String[n], details = new String[n];
        OffsetDateTime[] setups = new OffsetDateTime[n], answers = new OffsetDateTime[n],
                ends = new OffsetDateTime[n], received = new OffsetDateTime[n], rated = new OffsetDateTime[n];
        Long[] billable = new Long[n], billed = new Long[n];
        BigDecimal[] costs = new BigDecimal[n];
        Integer[] versions = new Integer[n];
        for (int i = 0; i < n; i++) {
            CallDetailRecord c = records.get(i);
            tenants[i] = c.tenantId();
            calls[i] = c.callId();
            campaigns[i] = c.campaignId();
            attempts[i] = c.attemptId();
            carriers[i] = c.carrierId();
            numbers[i] = c.number();
            dispositions[i] = c.disposition();
            setups[i] = Rows.utc(c.setupAt());
            answers[i] = Rows.utc(c.answeredAt());
            ends[i] = Rows.utc(c.endedAt());
            billable[i] = c.billableSeconds();
            statuses[i] = c.ratingStatus().name();
            received[i] = Rows.utc(c.receivedAt());
            costs[i] = c.cost();
            currencies[i] = c.currency();
            tariffIds[i] = c.tariffId();
            versions[i] = c.tariffVersion();
            prefixes[i] = c.destinationPrefix();
            classes[i] = c.destinationClass();
            billed[i] = c.billedSeconds();
            breakdowns[i] = JsonColumns.write(c.breakdown());
            reasons[i] = c.unratedReason();
            details[i] = c.unratedDetail();
            rated[i] = Rows.utc(c.ratedAt());
        }
        return conn.preparedQuery(INSERT_ALL)
                .execute(Tuple.from(new Object[]{tenants, calls, campaigns, attempts, carriers, numbers, dispositions, setups,
                        answers, ends, billable, statuses, received, costs, currencies, tariffIds, versions, prefixes, classes,
                        billed, breakdowns, reasons, details, rated}))
                .map(rows -> {
                    Set<CallKey> inserted = new HashSet<>(rows.rowCount() * 2);
                    for (Row row : rows) {
                        inserted.add(new CallKey(row.getString(0), row.getString(1)));
                    }
                    return inserted;
                });
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
                        + " ORDER BY ended_at DESC, call_id LIMIT $8 OFFSET $9")
                .execute(args)
                .map(rows -> Rows.list(rows, this::map));
    }

    public Uni<Long> count(String tenantId, Filter filter) {
        return pool.preparedQuery("SELECT count(*) FROM call_detail_record WHERE " + WHERE)
                .execute(filterArgs(tenantId, filter))
                .map(Rows::count);
    }

    /**
     * Totals per carrier × destination class × currency over [from, to) by end time; rated calls only. The carrier's
     * code and name are today's (null when the carrier is gone).
     */
    public record StatementLine(String carrierId, String carrierCode, String carrierName, String destinationClass, String currency,
                                long calls, long billableSeconds, long billedSeconds, BigDecimal cost) {
    }

    /** A statement's lines and its unrated calls, read from one snapshot. */
    public record StatementRows(List<StatementLine> lines, Map<String, Long> unratedByReason) {
    }

    /**
     * The rated calls of [from, to) by end time, per carrier × class × currency, and the unrated ones by reason, in one
     * read-only REPEATABLE READ transaction: a rerating run committing between two reads would otherwise count a call
     * in both or in neither.
     */
    public Uni<StatementRows> statement(String tenantId, Instant from, Instant to) {
        Tuple period = Tuple.of(tenantId, Rows.utc(from), Rows.utc(to));
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                .chain(() -> conn.preparedQuery("SELECT r.carrier_id, min(c.code), min(c.name), r.destination_class, r.currency, count(*), "
                                + "sum(r.billable_seconds), sum(r.billed_seconds), sum(r.cost) FROM call_detail_record r "
                                + "LEFT JOIN carrier c ON c.tenant_id = r.tenant_id AND c.id::text = r.carrier_id "
                                + "WHERE r.tenant_id = $1 AND r.rating_status = 'RATED' AND r.ended_at >= $2 AND r.ended_at < $3 "
                                + "GROUP BY r.carrier_id, r.destination_class, r.currency ORDER BY r.carrier_id, r.destination_class, r.currency")
                        .execute(period))
                .map(rows -> Rows.list(rows, r -> new StatementLine(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4).trim(), r.getLong(5), r.getLong(6), r.getLong(7), r.getBigDecimal(8))))
                .chain(lines -> conn.preparedQuery("SELECT coalesce(unrated_reason, 'OTHER'), count(*) FROM call_detail_record "
                                + "WHERE tenant_id = $1 AND rating_status = 'UNRATED' AND ended_at >= $2 AND ended_at < $3 GROUP BY 1 ORDER BY 1")
                        .execute(period)
                        .map(rows -> {
                            Map<String, Long> counts = new TreeMap<>();
                            rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
                            return new StatementRows(lines, counts);
                        })));
    }

    private static final String WHERE = "tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) AND ($3::text IS NULL OR carrier_id = $3) "
            + "AND ($4::text IS NULL OR destination_class = $4) AND ($5::timestamptz IS NULL OR ended_at >= $5) "
            + "AND ($6::timestamptz IS NULL OR ended_at < $6) AND ($7::text IS NULL OR rating_status = $7)";

    private static Tuple filterArgs(String tenantId, Filter f) {
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        args.add(f.campaignId());
        args.add(f.carrierId());
        args.add(f.destinationClass());
        args.add(Rows.utc(f.from()));
        args.add(Rows.utc(f.to()));
        args.add(f.ratingStatus());
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
