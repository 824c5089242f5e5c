package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.Contribution;
import io.waihu.analytics.domain.FactBatch;
import io.waihu.analytics.domain.RobustSpike;
import io.waihu.analytics.repository.AlertRepository;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.analytics.SpendAnomaly;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Spend anomalies of the hour a fold touched: a spike of the campaign's, a carrier's or a destination class's spend
 * against its own previous hours (median + MAD), and a sudden share of INTERNATIONAL or PREMIUM destinations. Each
 * is raised once per dimension value and hour, through the outbox, in the fold's transaction.
 */
@ApplicationScoped
public class AnomalyService {

    static final List<String> RISKY_CLASSES = List.of("INTERNATIONAL", "PREMIUM");

    private final AlertRepository alerts;
    private final Outbox outbox;
    private final int baselineHours;
    private final int minBaselineHours;
    private final BigDecimal zThreshold;
    private final BigDecimal minExcess;
    private final BigDecimal shareJump;

    public AnomalyService(AlertRepository alerts, Outbox outbox,
                          @ConfigProperty(name = "waihu.analytics.anomaly.baseline-hours", defaultValue = "24") int baselineHours,
                          @ConfigProperty(name = "waihu.analytics.anomaly.min-baseline-hours", defaultValue = "6") int minBaselineHours,
                          @ConfigProperty(name = "waihu.analytics.anomaly.z-threshold", defaultValue = "3.5") BigDecimal zThreshold,
                          @ConfigProperty(name = "waihu.analytics.anomaly.min-excess", defaultValue = "1.00") BigDecimal minExcess,
                          @ConfigProperty(name = "waihu.analytics.anomaly.share-jump", defaultValue = "0.20") BigDecimal shareJump) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.baselineHours = baselineHours;
        this.minBaselineHours = minBaselineHours;
        this.zThreshold = zThreshold;
        this.minExcess = minExcess;
        this.shareJump = shareJump;
    }

    private record HourSpend(Instant hour, String carrier, String destinationClass, BigDecimal cost) {
    }

    public Uni<Void> check(SqlConnection conn, String tenantId, String campaignId, List<Contribution.Bucket> touched) {
        Set<String> hourCurrency = new LinkedHashSet<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Contribution.Bucket b : touched) {
            if (hourCurrency.add(b.hour() + "|" + b.currency())) {
                chain = chain.chain(() -> checkHour(conn, tenantId, campaignId, b.hour(), b.currency(), touched));
            }
        }
        return chain;
    }

    private Uni<Void> checkHour(SqlConnection conn, String tenantId, String campaignId, Instant hour, String currency,
                                List<Contribution.Bucket> touched) {
        Instant from = hour.minus(Duration.ofHours(baselineHours));
        return conn.preparedQuery("SELECT hour, carrier_id, destination_class, sum(cost) AS cost FROM call_rollup "
                        + "WHERE tenant_id = $1 AND campaign_id = $2 AND currency = $3 AND hour >= $4 AND hour <= $5 "
                        + "GROUP BY hour, carrier_id, destination_class")
                .execute(Tuple.of(tenantId, campaignId, currency, Rows.utc(from), Rows.utc(hour)))
                .chain(rows -> {
                    List<HourSpend> spend = new ArrayList<>();
                    for (Row r : rows) {
                        spend.add(new HourSpend(Rows.instant(r, "hour"), r.getString("carrier_id"),
                                r.getString("destination_class"), r.getBigDecimal("cost")));
                    }
                    return raiseAll(conn, findings(tenantId, campaignId, hour, currency, spend, touched));
                });
    }

    /** The hours of one campaign's spend in one currency that a batch's anomaly checks read. */
    private record Window(String tenantId, String campaignId, String currency) {
    }

    private record CarrierClass(String carrier, String destinationClass) {
    }

    /**
     * The anomaly checks of a batch of folded events, with the alerts the events would have raised one transaction
     * each. The hours the checks look at are read once per campaign and currency, after the batch's rollups are
     * written; taking the batch's changes back out gives the spend before the batch, and the events' changes are
     * then put back one at a time, each check run on the spend as it stood after its own event. An anomaly found
     * by several events keeps the evidence of the first, as the one-event fold's unique alert key keeps it.
     *
     * @param steps the batch's events in order; those that moved no spend change the spend seen by later checks
     *              but are not checked themselves, as in the one-event fold
     */
    public Uni<Void> checkAll(SqlConnection conn, List<FactBatch.Step> steps) {
        Map<Window, TreeSet<Instant>> needed = new TreeMap<>(java.util.Comparator.comparing(Window::tenantId)
                .thenComparing(Window::campaignId).thenComparing(Window::currency));
        for (FactBatch.Step step : steps) {
            if (step.movedSpend()) {
                for (Contribution.Bucket b : step.delta().costBuckets()) {
                    TreeSet<Instant> hours = needed.computeIfAbsent(new Window(step.tenantId(), step.campaignId(), b.currency()),
                            k -> new TreeSet<>());
                    for (int h = 0; h <= baselineHours; h++) {
                        hours.add(b.hour().minus(Duration.ofHours(h)));
                    }
                }
            }
        }
        if (needed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Window, Map<Instant, Map<CarrierClass, BigDecimal>>> spend = new HashMap<>();
        needed.forEach((w, hours) -> {
            Map<Instant, Map<CarrierClass, BigDecimal>> byHour = new HashMap<>();
            hours.forEach(h -> byHour.put(h, new HashMap<>()));
            spend.put(w, byHour);
        });
        // one read per tenant: every campaign, currency and hour needed (a superset, trimmed to the windows here)
        Map<String, List<Window>> byTenant = new TreeMap<>();
        needed.keySet().forEach(w -> byTenant.computeIfAbsent(w.tenantId(), t -> new ArrayList<>()).add(w));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<Window>> e : byTenant.entrySet()) {
            String tenant = e.getKey();
            String[] campaignIds = e.getValue().stream().map(Window::campaignId).distinct().toArray(String[]::new);
            String[] currencies = e.getValue().stream().map(Window::currency).distinct().toArray(String[]::new);
            OffsetDateTime[] hours = e.getValue().stream().flatMap(w -> needed.get(w).stream()).distinct().map(Rows::utc)
                    .toArray(OffsetDateTime[]::new);
            chain = chain.chain(() -> conn.preparedQuery("SELECT campaign_id, currency, hour, carrier_id, destination_class, "
                            + "sum(cost) AS cost FROM call_rollup WHERE tenant_id = $1 AND campaign_id = ANY($2::text[]) "
                            + "AND currency = ANY($3::text[]) AND hour = ANY($4::timestamptz[]) "
                            + "GROUP BY campaign_id, currency, hour, carrier_id, destination_class")
                    .execute(Tuple.of(tenant, campaignIds, currencies, hours))
                    .invoke(rows -> {
                        for (Row r : rows) {
                            Map<Instant, Map<CarrierClass, BigDecimal>> byHour =
                                    spend.get(new Window(tenant, r.getString("campaign_id"), r.getString("currency")));
                            Map<CarrierClass, BigDecimal> row = byHour == null ? null : byHour.get(Rows.instant(r, "hour"));
                            if (row != null) {
                                row.put(new CarrierClass(r.getString("carrier_id"), r.getString("destination_class")),
                                        r.getBigDecimal("cost"));
                            }
                        }
                    })
                    .replaceWithVoid());
        }
        return chain.chain(() -> {
            for (FactBatch.Step step : steps) {
                shift(spend, step, -1);
            }
            // alert keys are unique per tenant and campaign, and the batch may hold several of each
            Map<List<String>, SpendAnomaly> found = new LinkedHashMap<>();
            for (FactBatch.Step step : steps) {
                shift(spend, step, 1);
                if (!step.movedSpend()) {
                    continue;
                }
                List<Contribution.Bucket> touched = step.delta().costBuckets();
                Set<String> hourCurrency = new LinkedHashSet<>();
                for (Contribution.Bucket b : touched) {
                    if (hourCurrency.add(b.hour() + "|" + b.currency())) {
                        Map<Instant, Map<CarrierClass, BigDecimal>> byHour =
                                spend.get(new Window(step.tenantId(), step.campaignId(), b.currency()));
                        List<HourSpend> window = new ArrayList<>();
                        for (Instant h = b.hour().minus(Duration.ofHours(baselineHours)); !h.isAfter(b.hour()); h = h.plus(Duration.ofHours(1))) {
                            Instant hour = h;
                            byHour.get(hour).forEach((cc, cost) -> window.add(new HourSpend(hour, cc.carrier(), cc.destinationClass(), cost)));
                        }
                        findings(step.tenantId(), step.campaignId(), b.hour(), b.currency(), window, touched)
                                .forEach((key, anomaly) -> found.putIfAbsent(List.of(step.tenantId(), step.campaignId(), key), anomaly));
                    }
                }
            }
            // alert rows in (tenant, campaign, key) order, like every other row a batch writes
            List<List<String>> keys = new ArrayList<>(found.keySet());
            keys.sort(java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1))
                    .thenComparing(k -> k.get(2)));
            Uni<Void> raised = Uni.createFrom().voidItem();
            for (List<String> key : keys) {
                SpendAnomaly anomaly = found.get(key);
                raised = raised.chain(() -> alerts.recordOnce(conn, key.get(2), anomaly)
                        .chain(isNew -> isNew ? outbox.append(conn, Topics.ALERT_EVENTS, anomaly) : Uni.createFrom().voidItem()));
            }
            return raised;
        });
    }

    /** Adds (sign 1) or takes out (-1) one event's spend change in the hours that were read. */
    private static void shift(Map<Window, Map<Instant, Map<CarrierClass, BigDecimal>>> spend, FactBatch.Step step, int sign) {
        step.delta().rollup().forEach((b, counters) -> {
            if (counters.cost().signum() == 0 || Contribution.NO_CURRENCY.equals(b.currency())) {
                return;
            }
            Map<Instant, Map<CarrierClass, BigDecimal>> byHour = spend.get(new Window(step.tenantId(), b.campaignId(), b.currency()));
            Map<CarrierClass, BigDecimal> row = byHour == null ? null : byHour.get(b.hour());
            if (row != null) {
                BigDecimal change = sign > 0 ? counters.cost() : counters.cost().negate();
                row.merge(new CarrierClass(b.carrierId(), b.destinationClass()), change, BigDecimal::add);
            }
        });
    }

    private Uni<Void> raiseAll(SqlConnection conn, Map<String, SpendAnomaly> found) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, SpendAnomaly> e : found.entrySet()) {
            chain = chain.chain(() -> alerts.recordOnce(conn, e.getKey(), e.getValue())
                    .chain(isNew -> isNew ? outbox.append(conn, Topics.ALERT_EVENTS, e.getValue()) : Uni.createFrom().voidItem()));
        }
        return chain;
    }

    Map<String, SpendAnomaly> findings(String tenantId, String campaignId, Instant hour, String currency,
                                       List<HourSpend> spend, List<Contribution.Bucket> touched) {
        Map<String, SpendAnomaly> found = new TreeMap<>();
        // baseline hours start at the campaign's first hour with spend in the window: before it there was nothing to compare
        Instant first = spend.stream().filter(s -> s.cost().signum() != 0).map(HourSpend::hour).min(Instant::compareTo).orElse(hour);
        List<Instant> baselineHoursList = new ArrayList<>();
        for (Instant h = first; h.isBefore(hour); h = h.plus(Duration.ofHours(1))) {
            baselineHoursList.add(h);
        }
        if (baselineHoursList.size() < minBaselineHours) {
            return found;
        }
        Map<String, Map<Instant, BigDecimal>> series = new HashMap<>();
        for (HourSpend s : spend) {
            series.computeIfAbsent("campaign|" + campaignId, k -> new HashMap<>()).merge(s.hour(), s.cost(), BigDecimal::add);
            series.computeIfAbsent("carrier|" + s.carrier(), k -> new HashMap<>()).merge(s.hour(), s.cost(), BigDecimal::add);
            series.computeIfAbsent("destinationClass|" + s.destinationClass(), k -> new HashMap<>()).merge(s.hour(), s.cost(), BigDecimal::add);
        }
        Set<String> dimensions = new LinkedHashSet<>();
        dimensions.add("campaign|" + campaignId);
        for (Contribution.Bucket b : touched) {
            if (b.hour().equals(hour) && b.currency().equals(currency)) {
                dimensions.add("carrier|" + b.carrierId());
                dimensions.add("destinationClass|" + b.destinationClass());
            }
        }
        for (String dim : dimensions) {
            Map<Instant, BigDecimal> byHour = series.getOrDefault(dim, Map.of());
            BigDecimal observed = byHour.getOrDefault(hour, BigDecimal.ZERO);
            List<BigDecimal> baseline = baselineHoursList.stream().map(h -> byHour.getOrDefault(h, BigDecimal.ZERO)).toList();
            RobustSpike.Result r = RobustSpike.evaluate(observed, baseline, zThreshold, new BigDecimal("0.01"), minExcess);
            if (r.anomalous()) {
                String[] parts = dim.split("\\|", 2);
                String evidence = String.format("%s %s spent %s %s in the hour from %s; median of the %d previous hours %s, "
                                + "MAD %s, modified z-score %s (threshold %s)", parts[0], parts[1], plain(observed), currency,
                        hour, baseline.size(), plain(r.median()), plain(r.mad()), r.score().toPlainString(), zThreshold);
                found.put("anomaly:" + parts[0] + ":" + parts[1] + ":" + currency + ":" + hour,
                        SpendAnomaly.of(tenantId, null, campaignId, parts[0], parts[1], new Money(plain(observed), currency),
                                new Money(plain(r.median()), currency), r.score(), evidence));
            }
        }
        // sudden share of risky destinations: this hour's share against the baseline hours' share
        BigDecimal totalNow = sum(series.get("campaign|" + campaignId), List.of(hour));
        BigDecimal totalBase = sum(series.get("campaign|" + campaignId), baselineHoursList);
        if (totalNow.signum() > 0) {
            for (String risky : RISKY_CLASSES) {
                Map<Instant, BigDecimal> cls = series.get("destinationClass|" + risky);
                BigDecimal now = sum(cls, List.of(hour));
                BigDecimal base = sum(cls, baselineHoursList);
                BigDecimal shareNow = now.divide(totalNow, MathContext.DECIMAL64);
                BigDecimal shareBase = totalBase.signum() == 0 ? BigDecimal.ZERO : base.divide(totalBase, MathContext.DECIMAL64);
                BigDecimal jump = shareNow.subtract(shareBase).setScale(4, RoundingMode.HALF_EVEN);
                if (jump.compareTo(shareJump) >= 0 && now.compareTo(minExcess) >= 0) {
                    BigDecimal expected = totalNow.multiply(shareBase).setScale(6, RoundingMode.HALF_EVEN);
                    String evidence = String.format("%s destinations took %s%% of the hour's spend from %s (%s of %s %s); "
                                    + "over the %d previous hours they took %s%%", risky, pct(shareNow), hour, plain(now),
                            plain(totalNow), currency, baselineHoursList.size(), pct(shareBase));
                    found.put("anomaly:destinationShare:" + risky + ":" + currency + ":" + hour,
                            SpendAnomaly.of(tenantId, null, campaignId, "destinationShare", risky,
                                    new Money(plain(now), currency), new Money(plain(expected), currency), jump, evidence));
                }
            }
        }
        return found;
    }

    private static BigDecimal sum(Map<Instant, BigDecimal> series, List<Instant> hours) {
        if (series == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Instant h : hours) {
            total = total.add(series.getOrDefault(h, BigDecimal.ZERO));
        }
        return total;
    }

    private static String pct(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
