package io.waihu.analytics.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.domain.AlertRecord;
import io.waihu.analytics.domain.Metrics;
import io.waihu.analytics.repository.MetricsRepository.Dimension;
import io.waihu.analytics.repository.MetricsRepository.Grain;
import io.waihu.analytics.rest.Views.BreakdownRow;
import io.waihu.analytics.rest.Views.CampaignOverview;
import io.waihu.analytics.rest.Views.CampaignSummary;
import io.waihu.analytics.rest.Views.CarrierRow;
import io.waihu.analytics.rest.Views.Forecast;
import io.waihu.analytics.rest.Views.HeatCellView;
import io.waihu.analytics.rest.Views.SeriesPoint;
import io.waihu.analytics.service.AnalyticsService;
import io.waihu.events.Money;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Path("/api/v1/analytics")
@Tag(name = "analytics", description = "Campaign KPIs, spend, budget, forecasts, carrier comparison and alerts")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class AnalyticsResource {

    private static final String OVERVIEW_EXAMPLE = "{\"campaignId\":\"camp-1\",\"name\":\"Renewals\",\"status\":\"RUNNING\","
            + "\"metrics\":{\"attempts\":6,\"answered\":4,\"asrPercent\":\"66.67\",\"nerPercent\":\"100\",\"acdSeconds\":\"53\","
            + "\"pddP50Ms\":1000,\"pddP95Ms\":2000,\"abandonRatePercent\":\"33.33\",\"conversions\":1,"
            + "\"cost\":[{\"amount\":\"10.5\",\"currency\":\"CNY\"}]},"
            + "\"budget\":{\"budget\":{\"amount\":\"10\",\"currency\":\"CNY\"},\"spent\":{\"amount\":\"10.5\",\"currency\":\"CNY\"},\"percentUsed\":\"105\"}}";

    private final AnalyticsService analytics;
    private final TenantContext tenant;

    public AnalyticsResource(AnalyticsService analytics, TenantContext tenant) {
        this.analytics = analytics;
        this.tenant = tenant;
    }

    @GET
    @Path("/campaigns")
    @Operation(summary = "Campaigns analytics has seen, newest first")
    public Uni<Page<CampaignSummary>> campaigns(@BeanParam @Valid PageParams page) {
        return analytics.campaigns(tenant.tenantId(), page);
    }

    @GET
    @Path("/campaigns/{campaignId}/overview")
    @Operation(summary = "A campaign's KPIs (attempts, ASR, NER, ACD, PDD, abandon, contact, RPC, conversion, costs) and budget")
    @APIResponse(responseCode = "200", description = "The overview",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "overview", value = OVERVIEW_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No campaign and no calls under this id",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<CampaignOverview> overview(@PathParam("campaignId") String campaignId,
                                          @Parameter(description = "ISO instant, inclusive (hour buckets)") @QueryParam("from") String from,
                                          @Parameter(description = "ISO instant, exclusive") @QueryParam("to") String to) {
        return analytics.overview(tenant.tenantId(), campaignId, instant("from", from), instant("to", to));
    }

    @GET
    @Path("/campaigns/{campaignId}/forecast")
    @Operation(summary = "Spend forecast: run rate to the campaign's end and this month from a weekday profile")
    @APIResponse(responseCode = "404", description = "No campaign and no calls under this id",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Forecast> forecast(@PathParam("campaignId") String campaignId) {
        return analytics.forecast(tenant.tenantId(), campaignId);
    }

    @GET
    @Path("/timeseries")
    @Operation(summary = "Spend and answers by hour or UTC day, optionally broken down by campaign, carrier or destination class")
    @APIResponse(responseCode = "400", description = "Unknown granularity, breakdown or a malformed instant",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Page<SeriesPoint>> timeseries(@QueryParam("campaignId") String campaignId,
                                             @QueryParam("from") String from, @QueryParam("to") String to,
                                             @Parameter(description = "HOUR or DAY") @QueryParam("granularity") @DefaultValue("HOUR") String granularity,
                                             @Parameter(description = "NONE, CAMPAIGN, CARRIER or DESTINATION_CLASS") @QueryParam("breakdown") @DefaultValue("NONE") String breakdown,
                                             @BeanParam @Valid PageParams page) {
        Grain grain = value(Grain.class, "granularity", granularity);
        if (grain == Grain.NONE) {
            throw ProblemException.badRequest("granularity must be HOUR or DAY");
        }
        return analytics.series(tenant.tenantId(), campaignId, instant("from", from), instant("to", to), grain,
                value(Dimension.class, "breakdown", breakdown), page);
    }

    @GET
    @Path("/heatmap")
    @Operation(summary = "Answer rate and conversions by weekday x hour in the callee's local time (best time to call)")
    public Uni<List<HeatCellView>> heatmap(@QueryParam("campaignId") String campaignId) {
        return analytics.heatmap(tenant.tenantId(), campaignId);
    }

    @GET
    @Path("/carriers")
    @Operation(summary = "Carrier comparison: cost per billed minute, ASR, ACD, PDD and cost per conversion per carrier")
    public Uni<Page<CarrierRow>> carriers(@QueryParam("campaignId") String campaignId, @QueryParam("from") String from,
                                          @QueryParam("to") String to, @BeanParam @Valid PageParams page) {
        return analytics.carriers(tenant.tenantId(), campaignId, instant("from", from), instant("to", to), page);
    }

    @GET
    @Path("/breakdown")
    @Operation(summary = "KPIs per campaign, carrier or destination class")
    public Uni<List<BreakdownRow>> breakdown(@QueryParam("campaignId") String campaignId, @QueryParam("from") String from,
                                             @QueryParam("to") String to,
                                             @QueryParam("by") @DefaultValue("CARRIER") String by) {
        return analytics.breakdown(tenant.tenantId(), campaignId, instant("from", from), instant("to", to),
                value(Dimension.class, "by", by));
    }

    @GET
    @Path("/breakdown.csv")
    @Produces("text/csv")
    @Operation(summary = "The breakdown as CSV (one row per value and currency; amounts exact)")
    public Uni<Response> breakdownCsv(@QueryParam("campaignId") String campaignId, @QueryParam("from") String from,
                                      @QueryParam("to") String to, @QueryParam("by") @DefaultValue("CARRIER") String by) {
        Dimension dimension = value(Dimension.class, "by", by);
        return analytics.breakdown(tenant.tenantId(), campaignId, instant("from", from), instant("to", to), dimension)
                .map(rows -> Response.ok(Csv.breakdown(dimension.name().toLowerCase(Locale.ROOT), rows), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"breakdown-" + dimension.name().toLowerCase(Locale.ROOT) + ".csv\"")
                        .build());
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts raised (BudgetThresholdReached, BudgetExhausted, SpendAnomaly), newest first")
    public Uni<Page<AlertRecord>> alerts(@QueryParam("campaignId") String campaignId, @QueryParam("type") String type,
                                         @BeanParam @Valid PageParams page) {
        return analytics.alerts(tenant.tenantId(), campaignId, type, page);
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant like 2026-11-26T00:00:00Z, not '" + value + "'");
        }
    }

    static <E extends Enum<E>> E value(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", not '" + value + "'");
        }
    }

    /** Money lists as "12.5 CNY; 3 USD" in CSV cells. */
    static String money(List<Money> amounts) {
        return amounts.stream().map(m -> m.amount().toPlainString() + " " + m.currency()).collect(Collectors.joining("; "));
    }

    static String metricsLine(Metrics m) {
        return m.attempts() + "," + m.answered() + "," + n(m.asrPercent()) + "," + n(m.nerPercent()) + "," + n(m.acdSeconds())
                + "," + (m.pddP50Ms() == null ? "" : m.pddP50Ms()) + "," + (m.pddP95Ms() == null ? "" : m.pddP95Ms()) + ","
                + n(m.abandonRatePercent()) + "," + n(m.contactRatePercent()) + "," + n(m.rpcRatePercent()) + ","
                + m.conversions() + "," + n(m.conversionRatePercent()) + "," + m.talkSeconds().toPlainString() + ","
                + m.billedSeconds();
    }

    private static String n(java.math.BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
