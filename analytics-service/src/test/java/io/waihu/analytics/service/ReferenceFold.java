package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.analytics.domain.CallFact;
import io.waihu.analytics.domain.Contribution;
import io.waihu.analytics.repository.CallFactRepository;
import io.waihu.analytics.repository.CampaignInfoRepository;
import io.waihu.analytics.repository.RollupRepository;
import io.waihu.analytics.repository.SpendRollupRepository;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.events.campaign.CampaignCompleted;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.events.campaign.CampaignPaused;
import io.waihu.events.campaign.CampaignResumed;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.OutcomeEvent;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.DialDropped;
import io.waihu.platform.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

/**
 * The fold as it was before batching (commit aaa175c, service/FoldService.java), kept verbatim apart from its name
 * and consumer: one transaction per event. {@code FoldEquivalenceTest} folds the same stream through it and through
 * the batch fold and requires identical facts, rollups, metrics and alerts.
 */
@ApplicationScoped
public class ReferenceFold {

    static final String CONSUMER = "analytics.fold.reference";

    private final EventInbox inbox;
    private final CallFactRepository facts;
    private final RollupRepository rollups;
    private final SpendRollupRepository spendRollups;
    private final CampaignInfoRepository campaigns;
    private final BudgetService budget;
    private final AnomalyService anomalies;

    public ReferenceFold(EventInbox inbox, CallFactRepository facts, RollupRepository rollups,
                       SpendRollupRepository spendRollups, CampaignInfoRepository campaigns, BudgetService budget,
                       AnomalyService anomalies) {
        this.inbox = inbox;
        this.facts = facts;
        this.rollups = rollups;
        this.spendRollups = spendRollups;
        this.campaigns = campaigns;
        this.budget = budget;
        this.anomalies = anomalies;
    }

    /** CallEnded and DialDropped; placed/ringing/answered add nothing CallEnded does not carry. */
    public Uni<Boolean> foldCall(CallEvent event) {
        if (event instanceof CallEnded ended) {
            return foldFact(event, ended.callId(), ended.campaignId(), ended.setupAt(), f -> f.withEnded(ended), null);
        }
        if (event instanceof DialDropped dropped) {
            return foldFact(event, dropped.callId(), dropped.campaignId(), dropped.droppedAt(), f -> f.withDropped(dropped), null);
        }
        return Uni.createFrom().item(Boolean.FALSE);
    }

    public Uni<Boolean> foldCharge(ChargeEvent event) {
        if (event instanceof CallCharged c) {
            return foldFact(event, c.callId(), c.campaignId(), c.occurredAt(), f -> f.withCharged(c),
                    conn -> spendRollups.add(conn, c.tenantId(), c.campaignId(), c.carrierId(),
                            c.occurredAt().truncatedTo(ChronoUnit.HOURS), 1, c.billedSeconds(), c.cost()));
        }
        if (event instanceof CallRerated r) {
            // the legacy /api/v1/spend view keeps rerating deltas on the campaign's "rerated" line
            return foldFact(event, r.callId(), r.campaignId(), r.occurredAt(), f -> f.withRerated(r),
                    conn -> spendRollups.add(conn, r.tenantId(), r.campaignId(), "rerated",
                            r.occurredAt().truncatedTo(ChronoUnit.HOURS), 0, 0, r.delta()));
        }
        if (event instanceof CallUnrated u) {
            return foldFact(event, u.callId(), u.campaignId(), u.occurredAt(), f -> f.withUnrated(u), null);
        }
        return Uni.createFrom().item(Boolean.FALSE);
    }

    /** An outcome belongs to its call; one recorded without a call id is kept per attempt. */
    public Uni<Boolean> foldOutcome(OutcomeEvent event) {
        if (event instanceof OutcomeRecorded o) {
            String key = o.callId() != null ? o.callId() : "attempt:" + o.attemptId();
            return foldFact(event, key, o.campaignId(), o.occurredAt(), f -> f.withOutcome(o), null);
        }
        return Uni.createFrom().item(Boolean.FALSE);
    }

    public Uni<Boolean> foldCampaign(CampaignEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            String tenant = event.tenantId();
            String campaign = event.campaignId();
            Uni<Void> merged;
            if (event instanceof CampaignStarted s) {
                merged = campaigns.merge(conn, tenant, campaign, s.name(), "RUNNING", s.budget(),
                        s.budgetAlertPercents(), s.occurredAt(), s.endsAt(),
                        s.dialPolicy() == null ? null : s.dialPolicy().abandonWindow(),
                        s.dialPolicy() == null ? null : s.dialPolicy().abandonWindowZone());
            } else if (event instanceof CampaignSettingsChanged c) {
                merged = campaigns.merge(conn, tenant, campaign, c.name(), null, c.budget(), c.budgetAlertPercents(),
                        null, c.endsAt(), c.dialPolicy() == null ? null : c.dialPolicy().abandonWindow(),
                        c.dialPolicy() == null ? null : c.dialPolicy().abandonWindowZone());
            } else if (event instanceof CampaignPaused) {
                merged = status(conn, tenant, campaign, "PAUSED");
            } else if (event instanceof CampaignResumed) {
                merged = status(conn, tenant, campaign, "RUNNING");
            } else if (event instanceof CampaignCompleted) {
                merged = status(conn, tenant, campaign, "COMPLETED");
            } else {
                return Uni.createFrom().voidItem();
            }
            // a new or lowered budget may already be crossed by what was spent before it arrived
            return merged.chain(() -> budget.check(conn, tenant, campaign));
        });
    }

    private Uni<Void> status(SqlConnection conn, String tenant, String campaign, String status) {
        return campaigns.merge(conn, tenant, campaign, null, status, null, null, null, null, null, null);
    }

    private Uni<Boolean> foldFact(WaihuEvent event, String callId, String campaignId, Instant firstSeen,
                                  UnaryOperator<CallFact> change,
                                  java.util.function.Function<SqlConnection, Uni<Void>> alsoInTransaction) {
        String tenant = event.tenantId();
        return inbox.applyOnce(CONSUMER, event, conn -> facts.lock(conn, tenant, callId, campaignId, firstSeen)
                .chain(before -> {
                    CallFact after = change.apply(before);
                    Contribution.Delta delta = Contribution.between(before, after);
                    Uni<Void> done = facts.save(conn, after).chain(() -> rollups.apply(conn, tenant, campaignId, delta));
                    if (alsoInTransaction != null) {
                        done = done.chain(() -> alsoInTransaction.apply(conn));
                    }
                    if (!delta.spendByCurrency().isEmpty()) {
                        done = done.chain(() -> budget.check(conn, tenant, campaignId))
                                .chain(() -> anomalies.check(conn, tenant, campaignId, delta.costBuckets()));
                    }
                    return done;
                }));
    }
}
