package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.BudgetRule;
import io.waihu.analytics.domain.CampaignInfo;
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
import java.util.List;

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
            Money budget = campaign.budget();
            return spent(conn, tenantId, campaignId, budget.currency()).chain(spent -> {
                List<Uni<Void>> steps = new ArrayList<>();
                // the budget is part of the key: raising it re-arms the thresholds, a replay does not
                String armed = "@" + budget.amount().toPlainString() + budget.currency();
                for (int percent : BudgetRule.reached(spent.amount(), budget.amount(), campaign.alertPercents())) {
                    steps.add(raise(conn, "threshold:" + percent + armed,
                            BudgetThresholdReached.of(tenantId, null, campaignId, percent, spent, budget)));
                }
                if (BudgetRule.exhausted(spent.amount(), budget.amount())) {
                    steps.add(raise(conn, "exhausted" + armed, BudgetExhausted.of(tenantId, null, campaignId, spent, budget)));
                }
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Uni<Void> step : steps) {
                    chain = chain.chain(() -> step);
                }
                return chain;
            });
        });
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
