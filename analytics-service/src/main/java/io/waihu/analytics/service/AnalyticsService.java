package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.analytics.domain.AlertRecord;
import io.waihu.analytics.domain.CampaignInfo;
import io.waihu.analytics.domain.Kpi;
import io.waihu.analytics.domain.Metrics;
import io.waihu.analytics.domain.Totals;
import io.waihu.analytics.repository.AlertRepository;
import io.waihu.analytics.repository.CampaignInfoRepository;
import io.waihu.analytics.repository.MetricsRepository;
import io.waihu.analytics.repository.MetricsRepository.Dimension;
import io.waihu.analytics.repository.MetricsRepository.Grain;
import io.waihu.analytics.rest.Views.AbandonWindowView;
import io.waihu.analytics.rest.Views.BreakdownRow;
import io.waihu.analytics.rest.Views.BudgetView;
import io.waihu.analytics.rest.Views.CampaignOverview;
import io.waihu.analytics.rest.Views.CampaignSummary;
import io.waihu.analytics.rest.Views.CarrierRow;
import io.waihu.analytics.rest.Views.Forecast;
import io.waihu.analytics.rest.Views.HeatCellView;
import io.waihu.analytics.rest.Views.MonthForecast;
import io.waihu.analytics.rest.Views.RunRate;
import io.waihu.analytics.rest.Views.SeriesPoint;
import io.waihu.analytics.rest.Views.WeekdayProfile;
import io.waihu.events.Money;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the rollups into the KPIs, series, heatmap, carrier comparison, breakdowns and forecasts of the REST API. */
@ApplicationScoped
public class AnalyticsService {

    private final MetricsRepository metrics;
    private final CampaignInfoRepository campaigns;
    private final AlertRepository alerts;
    private final Pool pool;
    private final Clock clock = Clock.systemUTC();

    public AnalyticsService(MetricsRepository metrics, CampaignInfoRepository campaigns, AlertRepository alerts, Pool pool) {
        this.metrics = metrics;
        this.campaigns = campaigns;
        this.alerts = alerts;
        this.pool = pool;
    }

    public Uni<CampaignOverview> overview(String tenantId, String campaignId, Instant from, Instant to) {
        // the campaign row first (a key lookup): it decides the abandon window; then every sum at once
        return campaigns.find(tenantId, campaignId).chain(info -> {
            CampaignInfo campaign = info.orElse(null);
            return Uni.combine().all().unis(
                    metrics.totals(tenantId, campaignId, from, to, Grain.NONE, Dimension.NONE),
                    metrics.pdd(tenantId, campaignId, from, to, false),
                    abandonWindow(tenantId, campaignId, campaign),
                    budget(tenantId, campaignId, campaign)).asTuple().map(t -> {
                if (campaign == null && t.getItem1().isEmpty()) {
                    throw ProblemException.notFound("campaign", campaignId);
                }
                Totals sum = t.getItem1().values().stream().findFirst().orElse(Totals.empty());
                Metrics m = Metrics.of(sum, t.getItem2().get(""));
                return new CampaignOverview(campaignId, campaign == null ? null : campaign.name(),
                        campaign == null ? null : campaign.status(), from, to, m, t.getItem3(), t.getItem4());
            });
        });
    }

    /** The rule pack's window: a rolling 30 days unless the campaign's dial policy says CALENDAR_DAY in its zone. */
    private Uni<AbandonWindowView> abandonWindow(String tenantId, String campaignId, CampaignInfo campaign) {
        Instant now = clock.instant();
        AbandonWindow basis = campaign == null || campaign.abandonWindow() == null ? AbandonWindow.ROLLING_30_DAYS : campaign.abandonWindow();
        String zone = campaign == null || campaign.abandonWindowZone() == null ? "UTC" : campaign.abandonWindowZone();
        // rollups are hourly: the window starts at the hour bucket that holds its start
        Instant from = basis == AbandonWindow.CALENDAR_DAY
                ? now.atZone(ZoneId.of(zone)).toLocalDate().atStartOfDay(ZoneId.of(zone)).toInstant().truncatedTo(ChronoUnit.HOURS)
                : now.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        // the two counts the rate needs, from day rows where whole UTC days fit (not a scan of 720 hours' rows)
        return metrics.abandonCounts(tenantId, campaignId, from).map(counts -> new AbandonWindowView(basis.name(), zone,
                from, now, counts.abandoned(), counts.liveHuman(), Kpi.percent(counts.abandoned(), counts.liveHuman())));
    }

    private Uni<BudgetView> budget(String tenantId, String campaignId, CampaignInfo campaign) {
        if (campaign == null || campaign.budget() == null) {
            return Uni.createFrom().nullItem();
        }
        Money budget = campaign.budget();
        return BudgetService.spent(pool, tenantId, campaignId, budget.currency()).map(spent -> new BudgetView(budget, spent,
                budget.amount().signum() == 0 ? null : Kpi.plain(spent.amount().multiply(BigDecimal.valueOf(100))
                        .divide(budget.amount(), 2, RoundingMode.HALF_EVEN)),
                new Money(Kpi.plain(budget.amount().subtract(spent.amount())), budget.currency()), campaign.alertPercents()));
    }

    public Uni<Page<SeriesPoint>> series(String tenantId, String campaignId, Instant from, Instant to, Grain grain,
                                         Dimension dimension, PageParams page) {
        return metrics.totals(tenantId, campaignId, from, to, grain, dimension).map(groups -> {
            List<SeriesPoint> points = new ArrayList<>();
            groups.forEach((key, t) -> points.add(new SeriesPoint(key.time(), dimension == Dimension.NONE ? null : key.dimension(),
                    t.counters().attempts(), t.counters().answered(), Kpi.percent(t.counters().answered(), t.counters().attempts()),
                    t.counters().conversions(), Kpi.money(t.cost()))));
            return slice(points, page);
        });
    }

    public Uni<List<HeatCellView>> heatmap(String tenantId, String campaignId) {
        return metrics.heat(tenantId, campaignId).map(cells -> cells.stream().map(c -> new HeatCellView(c.dow(), c.hour(),
                c.attempts(), c.answered(), Kpi.percent(c.answered(), c.attempts()), c.conversions(),
                Kpi.percent(c.conversions(), c.attempts()))).toList());
    }

    public Uni<Page<CarrierRow>> carriers(String tenantId, String campaignId, Instant from, Instant to, PageParams page) {
        return Uni.combine().all().unis(metrics.totals(tenantId, campaignId, from, to, Grain.NONE, Dimension.CARRIER),
                metrics.pdd(tenantId, campaignId, from, to, true)).asTuple().map(t -> {
            List<CarrierRow> rows = new ArrayList<>();
            t.getItem1().forEach((key, totals) -> {
                if (totals.counters().attempts() == 0 && totals.cost().isEmpty()) {
                    return; // dial requests dropped before a carrier was chosen, outcomes of calls not seen yet
                }
                Metrics m = Metrics.of(totals, t.getItem2().get(key.dimension()));
                rows.add(new CarrierRow(key.dimension(), m.attempts(), m.asrPercent(), m.acdSeconds(), m.pddP50Ms(),
                        m.billedSeconds(), m.cost(), m.costPerBilledMinute(), m.conversions(), m.costPerConversion()));
            });
            return slice(rows, page);
        });
    }

    public Uni<List<BreakdownRow>> breakdown(String tenantId, String campaignId, Instant from, Instant to, Dimension dimension) {
        return Uni.combine().all().unis(metrics.totals(tenantId, campaignId, from, to, Grain.NONE, dimension),
                metrics.pdd(tenantId, campaignId, from, to, dimension == Dimension.CARRIER)).asTuple().map(t -> {
            List<BreakdownRow> rows = new ArrayList<>();
            t.getItem1().forEach((key, totals) -> rows.add(new BreakdownRow(key.dimension(),
                    Metrics.of(totals, dimension == Dimension.CARRIER || dimension == Dimension.NONE
                            ? t.getItem2().get(dimension == Dimension.NONE ? "" : key.dimension()) : null))));
            return rows;
        });
    }

    public Uni<Page<CampaignSummary>> campaigns(String tenantId, PageParams page) {
        return Page.of(campaigns.page(tenantId, page).map(list -> list.stream().map(c -> new CampaignSummary(c.campaignId(),
                c.name(), c.status(), c.budget(), c.startsAt(), c.endsAt())).toList()), campaigns.count(tenantId), page);
    }

    public Uni<Page<AlertRecord>> alerts(String tenantId, String campaignId, String type, PageParams page) {
        return Page.of(alerts.page(tenantId, campaignId, type, page), alerts.count(tenantId, campaignId, type), page);
    }

    public Uni<Forecast> forecast(String tenantId, String campaignId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate historyStart = today.minusWeeks(8);
        return Uni.combine().all().unis(campaigns.find(tenantId, campaignId),
                metrics.totals(tenantId, campaignId, now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS), null,
                        Grain.HOUR, Dimension.NONE),
                metrics.totals(tenantId, campaignId, null, null, Grain.NONE, Dimension.NONE),
                metrics.dailySpend(tenantId, campaignId, historyStart.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())).asTuple().map(t -> {
            CampaignInfo campaign = t.getItem1().orElse(null);
            if (campaign == null && t.getItem3().isEmpty()) {
                throw ProblemException.notFound("campaign", campaignId);
            }
            Totals all = t.getItem3().values().stream().findFirst().orElse(Totals.empty());
            return new Forecast(campaignId, now, runRates(now, campaign, all, t.getItem2()), month(today, historyStart, t.getItem4()));
        });
    }

    private static List<RunRate> runRates(Instant now, CampaignInfo campaign, Totals all,
                                          Map<MetricsRepository.GroupKey, Totals> lastDay) {
        // hours of the window that had the campaign running: from its first hour with data, at most 24
        Instant firstHour = lastDay.keySet().stream().map(MetricsRepository.GroupKey::time).min(Instant::compareTo).orElse(now);
        long hours = Math.max(1, Math.min(24, Duration.between(firstHour, now).toMinutes() / 60 + 1));
        Map<String, BigDecimal> recent = new TreeMap<>();
        lastDay.values().forEach(totals -> totals.cost().forEach((c, a) -> recent.merge(c, a, BigDecimal::add)));
        List<RunRate> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : all.cost().entrySet()) {
            String currency = e.getKey();
            BigDecimal perHour = recent.getOrDefault(currency, BigDecimal.ZERO).divide(BigDecimal.valueOf(hours), 6, RoundingMode.HALF_EVEN);
            Instant endsAt = campaign == null ? null : campaign.endsAt();
            Money atEnd = null;
            if (endsAt != null) {
                BigDecimal remainingHours = endsAt.isAfter(now)
                        ? BigDecimal.valueOf(Duration.between(now, endsAt).toSeconds()).divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_EVEN)
                        : BigDecimal.ZERO;
                atEnd = money(e.getValue().add(perHour.multiply(remainingHours)).setScale(2, RoundingMode.HALF_EVEN), currency);
            }
            Money budget = campaign != null && campaign.budget() != null && campaign.budget().currency().equals(currency)
                    ? campaign.budget() : null;
            Instant exhaustedAt = null;
            if (budget != null && perHour.signum() > 0 && e.getValue().compareTo(budget.amount()) < 0) {
                BigDecimal hoursLeft = budget.amount().subtract(e.getValue()).divide(perHour, 6, RoundingMode.HALF_EVEN);
                exhaustedAt = now.plusSeconds(hoursLeft.multiply(BigDecimal.valueOf(3600)).longValue());
            }
            out.add(new RunRate(currency, money(e.getValue(), currency), money(perHour, currency), endsAt, atEnd, budget, exhaustedAt));
        }
        return out;
    }

    private static MonthForecast month(LocalDate today, LocalDate historyStart, Map<LocalDate, Map<String, BigDecimal>> daily) {
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate monthEnd = today.with(TemporalAdjusters.lastDayOfMonth());
        Map<String, BigDecimal> soFar = new TreeMap<>();
        daily.forEach((day, byCurrency) -> {
            if (!day.isBefore(monthStart)) {
                byCurrency.forEach((c, a) -> soFar.merge(c, a, BigDecimal::add));
            }
        });
        // weekday profile over full days of history before today, counted from the first day with spend
        LocalDate first = daily.keySet().stream().filter(d -> d.isBefore(today)).min(LocalDate::compareTo).orElse(today);
        int[] days = new int[8];
        List<Map<String, BigDecimal>> sums = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sums.add(new TreeMap<>());
        }
        for (LocalDate d = first.isBefore(historyStart) ? historyStart : first; d.isBefore(today); d = d.plusDays(1)) {
            int w = d.getDayOfWeek().getValue();
            days[w]++;
            daily.getOrDefault(d, Map.of()).forEach((c, a) -> sums.get(w).merge(c, a, BigDecimal::add));
        }
        List<WeekdayProfile> profile = new ArrayList<>();
        List<Map<String, BigDecimal>> means = new ArrayList<>();
        means.add(Map.of());
        for (int w = 1; w <= 7; w++) {
            Map<String, BigDecimal> mean = new TreeMap<>();
            final int n = days[w];
            if (n > 0) {
                sums.get(w).forEach((c, a) -> mean.put(c, a.divide(BigDecimal.valueOf(n), 6, RoundingMode.HALF_EVEN)));
            }
            means.add(mean);
            profile.add(new WeekdayProfile(DayOfWeek.of(w).getValue(), n, Kpi.money(mean)));
        }
        Map<String, BigDecimal> forecast = new TreeMap<>(soFar);
        for (LocalDate d = today.plusDays(1); !d.isAfter(monthEnd); d = d.plusDays(1)) {
            means.get(d.getDayOfWeek().getValue()).forEach((c, a) -> forecast.merge(c, a, BigDecimal::add));
        }
        forecast.replaceAll((c, a) -> a.setScale(2, RoundingMode.HALF_EVEN));
        return new MonthForecast(monthStart, monthEnd, Kpi.money(soFar), Kpi.money(forecast), profile);
    }

    private static Money money(BigDecimal amount, String currency) {
        return new Money(Kpi.plain(amount), currency);
    }

    static <T> Page<T> slice(List<T> all, PageParams page) {
        int fromIndex = (int) Math.min(all.size(), page.offset());
        int toIndex = Math.min(all.size(), fromIndex + page.size);
        return Page.of(all.subList(fromIndex, toIndex), page, all.size());
    }
}
