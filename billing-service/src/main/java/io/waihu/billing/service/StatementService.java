package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.billing.repository.CallDetailRecordRepository.StatementLine;
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

    public record Statement(Instant from, Instant to, List<StatementLine> lines, Map<String, BigDecimal> totalByCurrency,
                            long calls) {
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
        return records.statement(tenantId, from, to).map(lines -> {
            Map<String, BigDecimal> totals = new TreeMap<>();
            long calls = 0;
            for (StatementLine line : lines) {
                totals.merge(line.currency(), line.cost(), BigDecimal::add);
                calls += line.calls();
            }
            return new Statement(from, to, lines, totals, calls);
        });
    }

    public static String csv(Statement s) {
        StringBuilder out = new StringBuilder("carrierId,destinationClass,currency,calls,billableSeconds,billedSeconds,cost\n");
        for (StatementLine l : s.lines()) {
            out.append(l.carrierId()).append(',').append(l.destinationClass()).append(',').append(l.currency()).append(',')
                    .append(l.calls()).append(',').append(l.billableSeconds()).append(',').append(l.billedSeconds()).append(',')
                    .append(l.cost().toPlainString()).append('\n');
        }
        return out.toString();
    }
}
