package io.waihu.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.Counters;
import io.waihu.analytics.domain.Totals;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rollups back, summed per group. All SQL for metrics lives here; the arithmetic is in Kpi. */
@ApplicationScoped
public class MetricsRepository {

    /** Time grain of a series; the SQL expression is fixed here, never taken from the request. */
    public enum Grain {
        NONE("NULL::timestamptz"), HOUR("hour"), DAY("date_trunc('day', hour, 'UTC')");

        final String sql;

        Grain(String sql) {
            this.sql = sql;
        }
    }

    /** What a series or table is broken down by. */
    public enum Dimension {
        NONE("''"), CAMPAIGN("campaign_id"), CARRIER("carrier_id"), DESTINATION_CLASS("destination_class");

        final String sql;

        Dimension(String sql) {
            this.sql = sql;
        }
    }

    public record GroupKey(Instant time, String dimension) {
    }

    private static final String SUMS = "sum(attempts) AS attempts, sum(answered) AS answered, sum(live_human) AS live_human, "
            + "sum(connected) AS connected, sum(abandoned) AS abandoned, sum(ner_effective) AS ner_effective, "
            + "sum(talk_ms) AS talk_ms, sum(billable_seconds) AS billable_seconds, sum(billed_seconds) AS billed_seconds, "
            + "sum(charged_calls) AS charged_calls, sum(unrated_calls) AS unrated_calls, sum(dropped) AS dropped, "
            + "sum(contacts) AS contacts, sum(rpcs) AS rpcs, sum(conversions) AS conversions, sum(cost) AS cost";

    private final Pool pool;

    public MetricsRepository(Pool pool) {
        this.pool = pool;
    }

    /** Totals per (time, dimension), ordered by time then dimension; campaignId null means every campaign. */
    public Uni<Map<GroupKey, Totals>> totals(String tenantId, String campaignId, Instant from, Instant to, Grain grain,
                                             Dimension dimension) {
        // without a range and finer than a day, the daily table answers with 24 times fewer rows
        boolean daily = from == null && to == null && grain != Grain.HOUR;
        String time = !daily ? grain.sql : grain == Grain.DAY ? "(day::timestamp AT TIME ZONE 'UTC')" : grain.sql;
        String sql = "SELECT " + time + " AS t, " + dimension.sql + " AS d, currency, " + SUMS
                + (daily ? " FROM call_rollup_day WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) "
                        + "AND $3::timestamptz IS NULL AND $4::timestamptz IS NULL "
                        : " FROM call_rollup WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) "
                        + "AND ($3::timestamptz IS NULL OR hour >= $3) AND ($4::timestamptz IS NULL OR hour < $4) ")
                + "GROUP BY 1, 2, currency ORDER BY 1 NULLS FIRST, 2, currency";
        return pool.preparedQuery(sql).execute(Tuple.of(tenantId, campaignId, Rows.utc(from), Rows.utc(to)))
                .map(rows -> {
                    Map<GroupKey, Totals> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        GroupKey key = new GroupKey(Rows.instant(r, "t"), r.getString("d"));
                        out.merge(key, Totals.empty().plus(counters(r), r.getString("currency")),
                                (a, b) -> a.plus(counters(r), r.getString("currency")));
                    }
                    // a row a late event moved a call out of stays behind with zeros; it is no data, not a data point
                    out.values().removeIf(Totals::isEmpty);
                    return out;
                });
    }

    /** Abandoned and live-human calls of one campaign since an instant: what the rule pack's abandon rate is over. */
    public record AbandonCounts(long abandoned, long liveHuman) {
    }

    /**
     * Abandoned and live-human calls of the campaign's rollup hours from {@code from} on (no end: later hours
     * count too), exactly what {@link #totals} over call_rollup with that start sums, read from fewer rows: the
     * hours before the first UTC midnight at or after {@code from} from call_rollup, every day from that midnight
     * on from call_rollup_day (the fold writes both in the same transaction, a day row being its hours' sum). A
     * rolling 30-day window reads some 30 day rows and at most 23 hours per carrier, class and currency instead
     * of 720 hours.
     */
    public Uni<AbandonCounts> abandonCounts(String tenantId, String campaignId, Instant from) {
        java.time.LocalDate firstDay = from.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        if (!firstDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().equals(from)) {
            firstDay = firstDay.plusDays(1);
        }
        Instant midnight = firstDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return pool.preparedQuery("SELECT coalesce(sum(abandoned), 0) AS abandoned, coalesce(sum(live_human), 0) AS live_human FROM ("
                        + "SELECT abandoned, live_human FROM call_rollup WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "AND hour >= $3 AND hour < $4 "
                        + "UNION ALL SELECT abandoned, live_human FROM call_rollup_day WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "AND day >= $5) w")
                .execute(Tuple.of(tenantId, campaignId, Rows.utc(from), Rows.utc(midnight), firstDay))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new AbandonCounts(r.getLong("abandoned"), r.getLong("live_human"));
                });
    }

    /** Post-dial-delay histogram, [bucketMs, calls] ascending, per carrier (or "" for all when byCarrier is false). */
    public Uni<Map<String, List<long[]>>> pdd(String tenantId, String campaignId, Instant from, Instant to, boolean byCarrier) {
        String group = byCarrier ? "carrier_id" : "''";
        if (from == null && to == null) {
            // all time: the campaign-level histogram, not months of hourly ones
            return pool.preparedQuery("SELECT " + group + " AS d, bucket_ms, sum(calls) AS calls FROM pdd_total "
                            + "WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) "
                            + "GROUP BY 1, bucket_ms HAVING sum(calls) > 0 ORDER BY 1, bucket_ms")
                    .execute(Tuple.of(tenantId, campaignId))
                    .map(MetricsRepository::histograms);
        }
        return pool.preparedQuery("SELECT " + group + " AS d, bucket_ms, sum(calls) AS calls FROM pdd_rollup "
                        + "WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) "
                        + "AND ($3::timestamptz IS NULL OR hour >= $3) AND ($4::timestamptz IS NULL OR hour < $4) "
                        + "GROUP BY 1, bucket_ms HAVING sum(calls) > 0 ORDER BY 1, bucket_ms")
                .execute(Tuple.of(tenantId, campaignId, Rows.utc(from), Rows.utc(to)))
                .map(MetricsRepository::histograms);
    }

    private static Map<String, List<long[]>> histograms(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        Map<String, List<long[]>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.computeIfAbsent(r.getString("d"), k -> new ArrayList<>())
                    .add(new long[]{r.getInteger("bucket_ms"), r.getLong("calls")});
        }
        return out;
    }

    public record HeatCell(int dow, int hour, long attempts, long answered, long liveHuman, long rpcs, long conversions) {
    }

    public Uni<List<HeatCell>> heat(String tenantId, String campaignId) {
        return pool.preparedQuery("SELECT local_dow, local_hour, sum(attempts) AS attempts, sum(answered) AS answered, "
                        + "sum(live_human) AS live_human, sum(rpcs) AS rpcs, sum(conversions) AS conversions FROM heat_rollup "
                        + "WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) GROUP BY local_dow, local_hour "
                        + "ORDER BY local_dow, local_hour")
                .execute(Tuple.of(tenantId, campaignId))
                .map(rows -> Rows.list(rows, r -> new HeatCell(r.getShort("local_dow"), r.getShort("local_hour"),
                        r.getLong("attempts"), r.getLong("answered"), r.getLong("live_human"), r.getLong("rpcs"),
                        r.getLong("conversions"))));
    }

    /** Spend per UTC day and currency, for forecasts. */
    public Uni<Map<java.time.LocalDate, Map<String, java.math.BigDecimal>>> dailySpend(String tenantId, String campaignId,
                                                                                   Instant from, Instant to) {
        return pool.preparedQuery("SELECT (hour AT TIME ZONE 'UTC')::date AS day, currency, sum(cost) AS cost FROM call_rollup "
                        + "WHERE tenant_id = $1 AND ($2::text IS NULL OR campaign_id = $2) AND currency <> '' "
                        + "AND hour >= $3 AND hour < $4 GROUP BY 1, currency ORDER BY 1, currency")
                .execute(Tuple.of(tenantId, campaignId, Rows.utc(from), Rows.utc(to)))
                .map(rows -> {
                    Map<java.time.LocalDate, Map<String, java.math.BigDecimal>> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getLocalDate("day"), k -> new java.util.TreeMap<>())
                                .put(r.getString("currency"), r.getBigDecimal("cost"));
                    }
                    return out;
                });
    }

    private static Counters counters(Row r) {
        return new Counters(r.getLong("attempts"), r.getLong("answered"), r.getLong("live_human"), r.getLong("connected"),
                r.getLong("abandoned"), r.getLong("ner_effective"), r.getLong("talk_ms"), r.getLong("billable_seconds"),
                r.getLong("billed_seconds"), r.getLong("charged_calls"), r.getLong("unrated_calls"), r.getLong("dropped"),
                r.getLong("contacts"), r.getLong("rpcs"), r.getLong("conversions"), r.getBigDecimal("cost"));
    }
}
