package io.waihu.analytics.rest;

import io.waihu.analytics.domain.Metrics;
import io.waihu.analytics.rest.Views.BreakdownRow;
import io.waihu.events.Money;

import java.util.List;

/** RFC 4180 CSV of a breakdown: one line per dimension value and currency, so an amount never mixes currencies. */
final class Csv {

    static final String HEADER = "attempts,answered,asr_percent,ner_percent,acd_seconds,pdd_p50_ms,pdd_p95_ms,"
            + "abandon_rate_percent,contact_rate_percent,rpc_rate_percent,conversions,conversion_rate_percent,talk_seconds,"
            + "billed_seconds,currency,cost,cost_per_attempt,cost_per_connect,cost_per_conversion,cost_per_billed_minute";

    private Csv() {
    }

    static String breakdown(String dimension, List<BreakdownRow> rows) {
        StringBuilder out = new StringBuilder(dimension).append(',').append(HEADER).append("\r\n");
        for (BreakdownRow row : rows) {
            Metrics m = row.metrics();
            String common = quote(row.dimension()) + "," + AnalyticsResource.metricsLine(m);
            if (m.cost().isEmpty()) {
                out.append(common).append(",,,,,,\r\n");
            }
            for (Money cost : m.cost()) {
                out.append(common).append(',').append(cost.currency()).append(',').append(cost.amount().toPlainString())
                        .append(',').append(in(m.costPerAttempt(), cost.currency()))
                        .append(',').append(in(m.costPerConnect(), cost.currency()))
                        .append(',').append(in(m.costPerConversion(), cost.currency()))
                        .append(',').append(in(m.costPerBilledMinute(), cost.currency())).append("\r\n");
            }
        }
        return out.toString();
    }

    private static String in(List<Money> amounts, String currency) {
        return amounts.stream().filter(m -> m.currency().equals(currency)).map(m -> m.amount().toPlainString())
                .findFirst().orElse("");
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        // a leading =, +, - or @ would run as a formula in a spreadsheet
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.matches(".*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
