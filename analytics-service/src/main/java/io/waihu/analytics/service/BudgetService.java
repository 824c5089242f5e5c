package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.BudgetRule;
import io.waihu.analytics.domain.CampaignInfo;
import io.waihu.analytics.domain.FactBatch;
import io.waihu.analytics.repository.AlertRepository;
import io.waihu.analytics.repository.Amounts;
import io.waihu.analytics.repository.CampaignInfoRepository;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.analytics.AlertEvent;
import io.waihu.events.analytics.BudgetExhausted;
import io.waihu.events.analytics.BudgetThresholdReached;
import io.waihu.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spend against budget. Runs inside the transaction of the fold (or campaign change) that moved spend or budget:
 * an alert row with a unique key and its outbox record commit with the rollups, so each threshold is announced
 * exactly once, whatever is replayed.
 */
@ApplicationScoped
public class BudgetService {

    private final CampaignInfoRepository campaigns;
    private final AlertRepository alerts;
    private final Outbox outbox;

    public BudgetService(CampaignInfoRepository campaigns, AlertRepository alerts, Outbox outbox) {
        this.campaigns = campaigns;
        this.alerts = alerts;
        this.outbox = outbox;
    }

    public Uni<Void> check(SqlConnection conn, String tenantId, String campaignId) {
        return campaigns.lock(conn, tenantId, campaignId).chain(found -> {
            if (found.isEmpty() || found.get().budget() == null) {
                return Uni.createFrom().voidItem();
            }
            CampaignInfo campaign = found.get();
            return spent(conn, tenantId, campaignId, campaign.budget().currency()).chain(spent -> {
                Map<String, AlertEvent> due = new LinkedHashMap<>();
                evaluate(tenantId, campaign, spent, due);
                return raiseAll(conn, due);
            });
        });
    }

    /**
     * The budget checks of a batch of folded events, with the alerts the events would have raised one transaction
     * each. Each campaign's row is locked once, in (tenant, campaign) order; its spend before the batch is what
     * campaign_spend holds now minus the batch's changes, and the check is replayed after every event that moved
     * spend, so a threshold is announced with the spend of the event that crossed it, even if a later event of
     * the batch (a negative rerating) takes the spend back below it.
     *
     * @param steps the batch's events in order; those that moved no spend are skipped, as the one-event fold skips them
     */
    public Uni<Void> checkAll(SqlConnection conn, List<FactBatch.Step> steps) {
        TreeMap<FactBatch.TenantCampaign, List<FactBatch.Step>> byCampaign = new TreeMap<>();
        for (FactBatch.Step step : steps) {
            if (step.movedSpend()) {
                byCampaign.computeIfAbsent(new FactBatch.TenantCampaign(step.tenantId(), step.campaignId()),
                        k -> new ArrayList<>()).add(step);
            }
        }
        if (byCampaign.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] tenants = byCampaign.keySet().stream().map(FactBatch.TenantCampaign::tenantId).toArray(String[]::new);
        String[] ids = byCampaign.keySet().stream().map(FactBatch.TenantCampaign::campaignId).toArray(String[]::new);
        return campaigns.lockAll(conn, byCampaign.keySet()).chain(locked -> {
            if (locked.values().stream().allMatch(c -> c.budget() == null)) {
                return Uni.createFrom().voidItem();
            }
            // what campaign_spend holds now, the batch's own changes included
            return conn.preparedQuery("SELECT s.tenant_id, s.campaign_id, s.currency, s.spent FROM campaign_spend s "
                            + "JOIN unnest($1::text[], $2::text[]) AS u(t, c) ON s.tenant_id = u.t AND s.campaign_id = u.c")
                    .execute(Tuple.of(tenants, ids))
                    .chain(rows -> {
                        Map<List<String>, BigDecimal> spentNow = new java.util.HashMap<>();
                        for (io.vertx.mutiny.sqlclient.Row r : rows) {
                            spentNow.put(List.of(r.getString("tenant_id"), r.getString("campaign_id"), r.getString("currency").trim()),
                                    r.getBigDecimal("spent"));
                        }
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Map.Entry<FactBatch.TenantCampaign, List<FactBatch.Step>> e : byCampaign.entrySet()) {
                            CampaignInfo campaign = locked.get(e.getKey());
                            if (campaign == null || campaign.budget() == null) {
                                continue;
                            }
                            String currency = campaign.budget().currency();
                            BigDecimal now = spentNow.getOrDefault(List.of(e.getKey().tenantId(), e.getKey().campaignId(), currency),
                                    BigDecimal.ZERO);
                            Map<String, AlertEvent> due = replay(e.getKey().tenantId(), campaign, now, e.getValue());
                            chain = chain.chain(() -> raiseAll(conn, due));
                        }
                        return chain;
                    });
        });
    }

    /** Spend before the batch = now minus the batch's changes; then each change added back and checked in turn. */
    private static Map<String, AlertEvent> replay(String tenantId, CampaignInfo campaign, BigDecimal now,
                                                  List<FactBatch.Step> steps) {
        String currency = campaign.budget().currency();
        BigDecimal running = now;
        for (FactBatch.Step step : steps) {
            running = running.subtract(step.delta().spendByCurrency().getOrDefault(currency, BigDecimal.ZERO));
        }
        Map<String, AlertEvent> due = new LinkedHashMap<>();
        for (FactBatch.Step step : steps) {
            running = running.add(step.delta().spendByCurrency().getOrDefault(currency, BigDecimal.ZERO));
            evaluate(tenantId, campaign, new Money(Amounts.plain(running), currency), due);
        }
        return due;
    }

    /** The alerts a campaign's spend has reached, each under its key; a key already due keeps its first event. */
    private static void evaluate(String tenantId, CampaignInfo campaign, Money spent, Map<String, AlertEvent> due) {
        Money budget = campaign.budget();
        String campaignId = campaign.campaignId();
        // the budget is part of the key: raising it re-arms the thresholds, a replay does not
        String armed = "@" + budget.amount().toPlainString() + budget.currency();
        for (int percent : BudgetRule.reached(spent.amount(), budget.amount(), campaign.alertPercents())) {
            due.computeIfAbsent("threshold:" + percent + armed,
                    k -> BudgetThresholdReached.of(tenantId, null, campaignId, percent, spent, budget));
        }
        if (BudgetRule.exhausted(spent.amount(), budget.amount())) {
            due.computeIfAbsent("exhausted" + armed, k -> BudgetExhausted.of(tenantId, null, campaignId, spent, budget));
        }
    }

    private Uni<Void> raiseAll(SqlConnection conn, Map<String, AlertEvent> due) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, AlertEvent> e : due.entrySet()) {
            chain = chain.chain(() -> raise(conn, e.getKey(), e.getValue()));
        }
        return chain;
    }

    private Uni<Void> raise(SqlConnection conn, String key, AlertEvent event) {
        return alerts.recordOnce(conn, key, event)
                .chain(isNew -> isNew ? outbox.append(conn, Topics.ALERT_EVENTS, event) : Uni.createFrom().voidItem());
    }

    public static Uni<Money> spent(SqlClient client, String tenantId, String campaignId, String currency) {
        return client.preparedQuery("SELECT spent FROM campaign_spend WHERE tenant_id = $1 AND campaign_id = $2 AND currency = $3")
                .execute(Tuple.of(tenantId, campaignId, currency))
                .map(rows -> new Money(rows.size() == 0 ? BigDecimal.ZERO
                        : Amounts.plain(rows.iterator().next().getBigDecimal("spent")), currency));
    }
}
