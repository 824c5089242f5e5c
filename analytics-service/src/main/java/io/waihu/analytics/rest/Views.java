package io.waihu.analytics.rest;

import io.waihu.analytics.domain.Metrics;
import io.waihu.events.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Response bodies of /api/v1/analytics. Money is per currency; BigDecimal goes out as a JSON string. */
public final class Views {

    private Views() {
    }

    @Schema(description = "A campaign's KPIs over [from, to) (all time when absent), its abandon rate in the rule pack's window and its budget")
    public record CampaignOverview(String campaignId, String name, String status, Instant from, Instant to,
                                   Metrics metrics, AbandonWindowView abandonWindow, BudgetView budget) {
    }

    @Schema(description = "Abandon rate in the campaign's rule-pack window: ROLLING_30_DAYS (default) or CALENDAR_DAY in its zone")
    public record AbandonWindowView(String basis, String zone, Instant from, Instant to, long abandoned,
                                    long liveHumanAnswers, BigDecimal ratePercent) {
    }

    @Schema(description = "Spend against budget, in the budget's currency")
    public record BudgetView(Money budget, Money spent, BigDecimal percentUsed, Money remaining, List<Integer> alertPercents) {
    }

    @Schema(description = "One point of a time series: a bucket (hour or UTC day) and, with a breakdown, one dimension value")
    public record SeriesPoint(Instant time, String dimension, long attempts, long answered, BigDecimal asrPercent,
                              long conversions, List<Money> cost) {
    }

    @Schema(description = "One cell of the best-time heatmap: ISO weekday (1 = Monday) and hour in the callee's local time")
    public record HeatCellView(int weekday, int hour, long attempts, long answered, BigDecimal answerRatePercent,
                               long conversions, BigDecimal conversionPerAttemptPercent) {
    }

    @Schema(description = "One carrier's KPIs and costs side by side with the others'")
    public record CarrierRow(String carrierId, long attempts, BigDecimal asrPercent, BigDecimal acdSeconds, Long pddP50Ms,
                             long billedSeconds, List<Money> cost, List<Money> costPerBilledMinute,
                             long conversions, List<Money> costPerConversion) {
    }

    @Schema(description = "One value of a breakdown (campaign, carrier or destination class) with its KPIs")
    public record BreakdownRow(String dimension, Metrics metrics) {
    }

    @Schema(description = "A campaign as analytics knows it")
    public record CampaignSummary(String campaignId, String name, String status, Money budget, Instant startsAt, Instant endsAt) {
    }

    @Schema(description = "Spend forecasts: the campaign's run rate to its end, and the current UTC month from a weekday profile")
    public record Forecast(String campaignId, Instant asOf, List<RunRate> runRate, MonthForecast month) {
    }

    @Schema(description = "Spend per hour over the last 24 hours with spend (or since the first), projected to endsAt")
    public record RunRate(String currency, Money spent, Money perHour, Instant endsAt, Money forecastAtEnd, Money budget,
                          Instant budgetExhaustedAt) {
    }

    @Schema(description = "This month: spent so far plus, for every remaining day, the mean spend of the same weekday over the last 8 weeks")
    public record MonthForecast(LocalDate monthStart, LocalDate monthEnd, List<Money> spentSoFar, List<Money> forecast,
                                List<WeekdayProfile> weekdayProfile) {
    }

    @Schema(description = "Mean daily spend of one ISO weekday over the weeks of history")
    public record WeekdayProfile(int weekday, int days, List<Money> meanSpend) {
    }
}
