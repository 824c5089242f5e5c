package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.campaign.repository.CampaignRepository;
import io.waihu.events.Money;
import io.waihu.events.analytics.AlertEvent;
import io.waihu.events.analytics.BudgetExhausted;
import io.waihu.events.analytics.BudgetThresholdReached;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * Spend folded from billing.charge-events.v1 (one row per call, so a rerate adds only its difference) and the
 * budget alerts analytics raises: BudgetExhausted pauses a running campaign with reason "budget".
 */
@ApplicationScoped
public class SpendService {

    static final String CHARGES = "campaign.charge-events";
    static final String ALERTS = "campaign.alert-events";
    private static final Logger LOG = Logger.getLogger(SpendService.class);

    private final EventInbox inbox;
    private final CampaignRepository campaigns;
    private final CampaignService lifecycle;

    public SpendService(EventInbox inbox, CampaignRepository campaigns, CampaignService lifecycle) {
        this.inbox = inbox;
        this.campaigns = campaigns;
        this.lifecycle = lifecycle;
    }

    public Uni<Boolean> apply(ChargeEvent event) {
        if (event instanceof CallCharged charged) {
            return inbox.applyOnce(CHARGES, event, conn -> setCost(conn, charged.tenantId(), charged.callId(), charged.campaignId(), charged.cost()));
        }
        if (event instanceof CallRerated rerated) {
            return inbox.applyOnce(CHARGES, event, conn -> setCost(conn, rerated.tenantId(), rerated.callId(), rerated.campaignId(), rerated.newCost()));
        }
        return Uni.createFrom().item(false);
    }

    /** Stores the call's current cost and adds the difference from what was stored to the campaign's spend. */
    private Uni<Void> setCost(SqlConnection conn, String tenantId, String callId, String campaignId, Money cost) {
        return conn.preparedQuery("SELECT amount FROM campaign_charge WHERE tenant_id = $1 AND call_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, callId))
                .chain(before -> {
                    BigDecimal previous = before.size() == 0 ? BigDecimal.ZERO : before.iterator().next().getBigDecimal(0);
                    return conn.preparedQuery("INSERT INTO campaign_charge (tenant_id, call_id, campaign_id, amount, currency) "
                                    + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, call_id) DO UPDATE SET amount = EXCLUDED.amount, "
                                    + "currency = EXCLUDED.currency, updated_at = now()")
                            .execute(Tuple.of(tenantId, callId, campaignId, cost.amount(), cost.currency()))
                            .map(ignored -> cost.amount().subtract(previous));
                })
                .chain(delta -> {
                    Optional<UUID> id = CallEventsService.uuid(campaignId);
                    if (id.isEmpty() || delta.signum() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return campaigns.find(conn, tenantId, id.get()).chain(found -> {
                        if (found.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        var budget = found.get().settings().budget();
                        if (budget != null && !budget.currency().equals(cost.currency())) {
                            LOG.warnf("campaign %s: charge for call %s in %s, budget in %s; not added to spend",
                                    campaignId, callId, cost.currency(), budget.currency());
                            return Uni.createFrom().voidItem();
                        }
                        return campaigns.addSpend(conn, tenantId, id.get(), delta);
                    });
                });
    }

    public Uni<Boolean> apply(AlertEvent event) {
        if (event instanceof BudgetThresholdReached reached) {
            return inbox.applyOnce(ALERTS, event, conn -> recordAlert(conn, reached.tenantId(), reached.campaignId(),
                    "THRESHOLD", reached.thresholdPercent(), reached.spent(), reached));
        }
        if (event instanceof BudgetExhausted exhausted) {
            return inbox.applyOnce(ALERTS, event, conn -> recordAlert(conn, exhausted.tenantId(), exhausted.campaignId(),
                    "EXHAUSTED", 100, exhausted.spent(), exhausted)
                    .chain(() -> pauseForBudget(conn, exhausted)));
        }
        return Uni.createFrom().item(false);
    }

    private Uni<Void> recordAlert(SqlConnection conn, String tenantId, String campaignId, String kind, int percent, Money spent,
                                  AlertEvent event) {
        return conn.preparedQuery("INSERT INTO campaign_budget_alert (tenant_id, campaign_id, kind, threshold_percent, spent_amount, "
                        + "currency, reached_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[]{tenantId, campaignId, kind, percent, spent.amount(), spent.currency(), Rows.utc(event.occurredAt())}))
                .replaceWithVoid();
    }

    private Uni<Void> pauseForBudget(SqlConnection conn, BudgetExhausted e) {
        Optional<UUID> id = CallEventsService.uuid(e.campaignId());
        if (id.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return campaigns.lock(conn, e.tenantId(), id.get()).chain(found -> found.isPresent() && found.get().status() == CampaignStatus.RUNNING
                ? lifecycle.transition(conn, found.get(), CampaignStatus.Action.PAUSE, "budget")
                : Uni.createFrom().voidItem());
    }
}
