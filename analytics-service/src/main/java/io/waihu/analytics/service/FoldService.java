package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.analytics.domain.CallFact;
import io.waihu.analytics.domain.FactBatch;
import io.waihu.analytics.repository.CallFactRepository;
import io.waihu.analytics.repository.CampaignInfoRepository;
import io.waihu.analytics.repository.RollupRepository;
import io.waihu.analytics.repository.SpendRollupRepository;
import io.waihu.events.Money;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.campaign.CampaignCompleted;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.events.campaign.CampaignPaused;
import io.waihu.events.campaign.CampaignResumed;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.DialDropped;
import io.waihu.platform.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Folds call, charge, outcome and campaign events into facts and rollups, each event exactly once (EventInbox),
 * and checks budget and anomalies in the same transaction. A consumer's poll is folded in one transaction: its
 * facts are locked in one statement, its events applied to them in memory in order, and the facts, the rollups
 * (summed per key) and the spend written once each; budget and anomaly checks replay the batch event by event,
 * so a batch raises exactly the alerts its events would have raised in a transaction each.
 */
@ApplicationScoped
public class FoldService {

    static final String CONSUMER = "analytics.fold";

    private final EventInbox inbox;
    private final CallFactRepository facts;
    private final RollupRepository rollups;
    private final SpendRollupRepository spendRollups;
    private final CampaignInfoRepository campaigns;
    private final BudgetService budget;
    private final AnomalyService anomalies;
    private final Event<FoldCommitted> committed;

    public FoldService(EventInbox inbox, CallFactRepository facts, RollupRepository rollups,
                       SpendRollupRepository spendRollups, CampaignInfoRepository campaigns, BudgetService budget,
                       AnomalyService anomalies, Event<FoldCommitted> committed) {
        this.inbox = inbox;
        this.facts = facts;
        this.rollups = rollups;
        this.spendRollups = spendRollups;
        this.campaigns = campaigns;
        this.budget = budget;
        this.anomalies = anomalies;
        this.committed = committed;
    }

    /** What one event does to its call's fact, and to the legacy spend view. */
    record FactChange(WaihuEvent event, FactBatch.Key key, String campaignId, Instant firstSeen,
                      UnaryOperator<CallFact> change, SpendRollupRepository.Line spendLine, SpendRollupRepository.Sums spend) {

        FactChange(WaihuEvent event, String callId, String campaignId, Instant firstSeen, UnaryOperator<CallFact> change) {
            this(event, new FactBatch.Key(event.tenantId(), callId), campaignId, firstSeen, change, null, null);
        }
    }

    /**
     * @return the event's change of its fact, or null for events that add nothing (placed, ringing and answered
     * tell nothing CallEnded does not carry; they are not recorded as processed either)
     */
    static FactChange changeOf(WaihuEvent event) {
        if (event instanceof CallEnded e) {
            return new FactChange(e, e.callId(), e.campaignId(), e.setupAt(), f -> f.withEnded(e));
        }
        if (event instanceof DialDropped d) {
            return new FactChange(d, d.callId(), d.campaignId(), d.droppedAt(), f -> f.withDropped(d));
        }
        if (event instanceof CallCharged c) {
            return new FactChange(c, new FactBatch.Key(c.tenantId(), c.callId()), c.campaignId(), c.occurredAt(),
                    f -> f.withCharged(c), spendLine(c, c.carrierId(), c.cost()),
                    new SpendRollupRepository.Sums(1, c.billedSeconds(), c.cost().amount()));
        }
        if (event instanceof CallRerated r) {
            // the legacy /api/v1/spend view keeps rerating deltas on the campaign's "rerated" line
            return new FactChange(r, new FactBatch.Key(r.tenantId(), r.callId()), r.campaignId(), r.occurredAt(),
                    f -> f.withRerated(r), spendLine(r, "rerated", r.delta()),
                    new SpendRollupRepository.Sums(0, 0, r.delta().amount()));
        }
        if (event instanceof CallUnrated u) {
            return new FactChange(u, u.callId(), u.campaignId(), u.occurredAt(), f -> f.withUnrated(u));
        }
        if (event instanceof OutcomeRecorded o) {
            // an outcome belongs to its call; one recorded without a call id is kept per attempt
            String key = o.callId() != null ? o.callId() : "attempt:" + o.attemptId();
            return new FactChange(o, key, o.campaignId(), o.occurredAt(), f -> f.withOutcome(o));
        }
        return null;
    }

    private static SpendRollupRepository.Line spendLine(WaihuEvent e, String carrierId, Money amount) {
        String campaignId = e instanceof CallCharged c ? c.campaignId() : ((CallRerated) e).campaignId();
        return new SpendRollupRepository.Line(e.tenantId(), campaignId, carrierId, amount.currency(),
                e.occurredAt().truncatedTo(ChronoUnit.HOURS));
    }

    /**
     * Folds call, charge and outcome events (any mix, in the order given) in one transaction.
     * An event the fact refuses (a second currency for one call) fails the whole batch with an
     * IllegalArgumentException, so the consumer can fold the events one by one and dead-letter only that one.
     */
    public Uni<Void> foldAll(List<? extends WaihuEvent> events) {
        List<WaihuEvent> relevant = new ArrayList<>(events.size());
        for (WaihuEvent e : events) {
            if (changeOf(e) != null) {
                relevant.add(e);
            }
        }
        if (relevant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return inbox.applyOnceAll(CONSUMER, relevant, (conn, fresh) -> {
                    List<FactChange> changes = new ArrayList<>(fresh.size());
                    for (WaihuEvent e : fresh) {
                        changes.add(changeOf(e));
                    }
                    return foldFacts(conn, changes);
                })
                .invoke(this::announce)
                .replaceWithVoid();
    }

    /**
     * The whole fold of the campaign events then the fact events given (inbox, facts, rollups, spend, budget and
     * anomaly checks, alerts and their outbox records), in one transaction that is then rolled back: it stores
     * nothing and announces nothing. What a warm-up runs so that the code and the statements of the fold are
     * compiled and prepared before the first real poll (see FoldWarmUp). A rehearsal that fails for another reason
     * completes with that failure; it is rolled back all the same.
     */
    public Uni<Void> rehearse(List<? extends CampaignEvent> campaignEvents, List<? extends WaihuEvent> events) {
        List<WaihuEvent> relevant = new ArrayList<>(campaignEvents);
        for (WaihuEvent e : events) {
            if (changeOf(e) != null) {
                relevant.add(e);
            }
        }
        return inbox.applyOnceAll(CONSUMER, relevant, (conn, fresh) -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    List<FactChange> changes = new ArrayList<>(fresh.size());
                    for (WaihuEvent e : fresh) {
                        if (e instanceof CampaignEvent c) {
                            chain = chain.chain(() -> foldCampaign(conn, c));
                        } else {
                            changes.add(changeOf(e));
                        }
                    }
                    return chain.chain(() -> foldFacts(conn, changes))
                            .chain(() -> Uni.createFrom().<Void>failure(new Rehearsed()));
                })
                .replaceWithVoid()
                .onFailure(Rehearsed.class).recoverWithNull();
    }

    /** Thrown at the end of a rehearsal so that its transaction is rolled back. */
    private static final class Rehearsed extends RuntimeException {
        Rehearsed() {
            super("rehearsal rolled back", null, false, false);
        }
    }

    private Uni<Void> foldFacts(SqlConnection conn, List<FactChange> changes) {
        // a fact missing so far is created by the first event of the batch that names it, as it would be alone
        Map<FactBatch.Key, CallFact> firsts = new LinkedHashMap<>();
        for (FactChange c : changes) {
            firsts.computeIfAbsent(c.key(), k -> CallFact.first(k.tenantId(), k.callId(), c.campaignId(), c.firstSeen()));
        }
        return facts.lockAll(conn, firsts.values()).chain(locked -> {
            FactBatch batch = new FactBatch(locked);
            TreeMap<SpendRollupRepository.Line, SpendRollupRepository.Sums> spendLines = new TreeMap<>();
            for (FactChange c : changes) {
                batch.apply(c.key(), c.campaignId(), c.change());
                if (c.spendLine() != null) {
                    spendLines.merge(c.spendLine(), c.spend(), SpendRollupRepository.Sums::plus);
                }
            }
            TreeMap<FactBatch.TenantCampaign, TreeMap<String, java.math.BigDecimal>> spend = batch.spend();
            Uni<Void> done = facts.saveAll(conn, batch.changed());
            for (Map.Entry<String, io.waihu.analytics.domain.Contribution.Delta> e : batch.rollupsByTenant().entrySet()) {
                String tenant = e.getKey();
                TreeMap<String, Map<String, java.math.BigDecimal>> tenantSpend = new TreeMap<>();
                spend.forEach((tc, byCurrency) -> {
                    if (tc.tenantId().equals(tenant)) {
                        tenantSpend.put(tc.campaignId(), byCurrency);
                    }
                });
                done = done.chain(() -> rollups.apply(conn, tenant, e.getValue(), tenantSpend));
            }
            return done.chain(() -> spendRollups.addAll(conn, spendLines))
                    .chain(() -> budget.checkAll(conn, batch.steps()))
                    .chain(() -> anomalies.checkAll(conn, batch.steps()));
        });
    }

    /**
     * Campaign events in one transaction, each applied and its budget checked as it would be alone (a budget changed
     * twice in one poll is checked against both). Sorted by campaign, keeping each campaign's events in order, so
     * campaign rows are locked in the same order as the fold's budget checks lock them.
     */
    public Uni<Void> foldCampaigns(List<? extends CampaignEvent> events) {
        List<CampaignEvent> relevant = new ArrayList<>(events.size());
        for (CampaignEvent e : events) {
            if (e instanceof CampaignStarted || e instanceof CampaignSettingsChanged || e instanceof CampaignPaused
                    || e instanceof CampaignResumed || e instanceof CampaignCompleted) {
                relevant.add(e);
            }
        }
        if (relevant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        relevant.sort(Comparator.comparing(CampaignEvent::tenantId).thenComparing(CampaignEvent::campaignId));
        return inbox.applyOnceAll(CONSUMER, relevant, (conn, fresh) -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (CampaignEvent e : fresh) {
                        chain = chain.chain(() -> foldCampaign(conn, e));
                    }
                    return chain;
                })
                .invoke(this::announce)
                .replaceWithVoid();
    }

    private Uni<Void> foldCampaign(SqlConnection conn, CampaignEvent event) {
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
    }

    private Uni<Void> status(SqlConnection conn, String tenant, String campaign, String status) {
        return campaigns.merge(conn, tenant, campaign, null, status, null, null, null, null, null, null);
    }

    private void announce(List<? extends WaihuEvent> applied) {
        if (!applied.isEmpty()) {
            List<UUID> ids = new ArrayList<>(applied.size());
            applied.forEach(e -> ids.add(e.eventId()));
            committed.fire(new FoldCommitted(List.copyOf(ids), Instant.now()));
        }
    }
}
