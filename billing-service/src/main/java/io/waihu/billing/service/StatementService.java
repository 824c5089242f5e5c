package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.billing.repository.CallDetailRecordRepository.StatementLine;
import io.waihu.platform.rest.CsvCells;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the calls of a period cost, by carrier × destination class, with totals per currency (never mixed). */
@ApplicationScoped
public class StatementService {

    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final CallDetailRecordRepository records;

    public StatementService(CallDetailRecordRepository records) {
        this.records = records;
    }

    /**
     * @param calls          the rated calls the lines add up
     * @param unratedCalls   the period's calls no tariff priced: not in the lines or totals, so counted here
     * @param unratedByReason those calls by reason code (NO_TARIFF, NO_DESTINATION, ...)
     */
    public record Statement(Instant from, Instant to, List<StatementLine> lines, Map<String, BigDecimal> totalByCurrency,
                            long calls, long unratedCalls, Map<String, Long> unratedByReason) {
    }

    public Uni<Statement> statement(String tenantId, Instant from, Instant to) {
        if (from == null || to == null) {
            throw ProblemException.badRequest((from == null ? "from" : "to") + ": is required (an ISO-8601 instant)");
        }
        if (!to.isAfter(from)) {
            throw ProblemException.badRequest("to: must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw ProblemException.badRequest("to: a statement covers at most 366 days");
        }
        return records.statement(tenantId, from, to).map(rows -> {
            Map<String, BigDecimal> totals = new TreeMap<>();
            long calls = 0;
            for (StatementLine line : rows.lines()) {
                totals.merge(line.currency(), line.cost(), BigDecimal::add);
                calls += line.calls();
            }
            Map<String, Long> unrated = rows.unratedByReason();
            return new Statement(from, to, rows.lines(), totals, calls, unrated.values().stream().mapToLong(Long::longValue).sum(), unrated);
        });
    }

    /**
     * The lines as CSV (RFC 4180: a cell with a comma, quote or line break is quoted). The carrier's code and name
     * came later and are the last columns, so a reader that takes the first seven by position still reads them.
     */
    public static String csv(Statement s) {
        StringBuilder out = new StringBuilder("carrierId,destinationClass,currency,calls,billableSeconds,billedSeconds,cost,carrierCode,carrierName\n");
        for (StatementLine l : s.lines()) {
            out.append(CsvCells.cell(l.carrierId())).append(',').append(l.destinationClass()).append(',').append(l.currency()).append(',')
                    .append(l.calls()).append(',').append(l.billableSeconds()).append(',').append(l.billedSeconds()).append(',')
                    .append(l.cost().toPlainString()).append(',')
                    .append(CsvCells.text(l.carrierCode())).append(',').append(CsvCells.text(l.carrierName())).append('\n');
        }
        return out.toString();
    }
}
