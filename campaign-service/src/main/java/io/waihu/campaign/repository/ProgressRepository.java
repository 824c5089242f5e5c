package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Counts for a campaign's progress view. */
@ApplicationScoped
public class ProgressRepository {

    private final Pool pool;

    public ProgressRepository(Pool pool) {
        this.pool = pool;
    }

    public record ContactCounts(long total, long done, long pending, long outstanding, Map<String, Long> doneByReason) {
    }

    public Uni<ContactCounts> contacts(UUID campaignId) {
        return pool.preparedQuery("SELECT coalesce(done_reason, CASE WHEN outstanding THEN '_OUTSTANDING' ELSE '_PENDING' END) AS k, "
                        + "count(*) AS n FROM campaign_contact WHERE campaign_id = $1 GROUP BY 1")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    long total = 0;
                    long pending = 0;
                    long outstanding = 0;
                    Map<String, Long> reasons = new LinkedHashMap<>();
                    for (Row r : rows) {
                        long n = r.getLong("n");
                        String k = r.getString("k");
                        total += n;
                        switch (k) {
                            case "_PENDING" -> pending += n;
                            case "_OUTSTANDING" -> outstanding += n;
                            default -> reasons.merge(k, n, Long::sum);
                        }
                    }
                    long done = reasons.values().stream().mapToLong(Long::longValue).sum();
                    return new ContactCounts(total, done, pending, outstanding, reasons);
                });
    }

    /** Attempts by how they ended: the call disposition, else the attempt status (REQUESTED, PLACED, DROPPED, EXPIRED, LOST). */
    public Uni<Map<String, Long>> attemptsByDisposition(UUID campaignId) {
        return pool.preparedQuery("SELECT coalesce(disposition, status) AS k, count(*) AS n FROM attempt WHERE campaign_id = $1 "
                        + "GROUP BY 1 ORDER BY 1")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    Map<String, Long> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        out.put(r.getString("k"), r.getLong("n"));
                    }
                    return out;
                });
    }

    /** Spend per currency from the charges billing reported for the campaign's calls. */
    public Uni<List<Money>> spend(String tenantId, UUID campaignId) {
        return pool.preparedQuery("SELECT currency, sum(amount) AS total FROM campaign_charge WHERE tenant_id = $1 AND campaign_id = $2 "
                        + "GROUP BY currency ORDER BY currency")
                .execute(Tuple.of(tenantId, campaignId.toString()))
                .map(rows -> {
                    List<Money> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(Money.of(r.getBigDecimal("total"), r.getString("currency")));
                    }
                    return out;
                });
    }

    public record BudgetAlert(String kind, int thresholdPercent, Money spent, java.time.Instant reachedAt) {
    }

    public Uni<List<BudgetAlert>> alerts(String tenantId, UUID campaignId) {
        return pool.preparedQuery("SELECT kind, threshold_percent, spent_amount, currency, reached_at FROM campaign_budget_alert "
                        + "WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY reached_at, threshold_percent")
                .execute(Tuple.of(tenantId, campaignId.toString()))
                .map(rows -> io.waihu.platform.persistence.Rows.list(rows, r -> new BudgetAlert(r.getString("kind"),
                        r.getInteger("threshold_percent"), Money.of(r.getBigDecimal("spent_amount"), r.getString("currency")),
                        io.waihu.platform.persistence.Rows.instant(r, "reached_at"))));
    }
}
