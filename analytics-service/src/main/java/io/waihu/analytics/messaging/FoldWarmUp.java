package io.waihu.analytics.messaging;

import io.quarkus.runtime.StartupEvent;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.ChargeBreakdown;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.events.billing.ChargeSegment;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.UnratedReason;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.OutcomeEvent;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
import io.waihu.events.wire.EventJson;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Before the consumers start, the fold is rehearsed on made-up polls: records read as the consumers read them,
 * folded in full (inbox, facts, rollups, spend, budget alerts, anomaly checks) and rolled back
 * ({@link FoldService#rehearse}). A freshly started JVM runs the fold interpreted at a fraction of its speed;
 * driven straight into a busy topic it falls seconds behind in its first seconds and takes a further 20 s to catch
 * up (docs/analytics.md). After the rehearsal the fold's code is compiled when the first real poll comes.
 * <p>
 * The made-up events belong to a tenant id made for this start ({@code warm-up:<uuid>}); every row they write is
 * rolled back, nothing is published or announced, and no tenant's rows are read or locked. It runs before Reactive
 * Messaging starts the consumers (StartupEvent priority 1000), so it never competes with real polls.
 */
@ApplicationScoped
public class FoldWarmUp {

    private static final Logger LOG = Logger.getLogger(FoldWarmUp.class);
    private static final String[] CARRIERS = {"cm", "ct", "cu", "c4", "c5"};
    private static final CallDisposition[] DISPOSITIONS = {CallDisposition.ANSWERED_HUMAN, CallDisposition.ANSWERED_HUMAN,
            CallDisposition.NO_ANSWER, CallDisposition.BUSY, CallDisposition.VOICEMAIL, CallDisposition.ABANDONED};
    private static final int CAMPAIGNS = 20;
    private static final int CALLS_PER_POLL = 1000; // a full poll (max.poll.records)

    private final FoldService fold;
    private final int events;
    private final Duration limit;

    public FoldWarmUp(FoldService fold,
                      @ConfigProperty(name = "waihu.analytics.warm-up.events", defaultValue = "100000") int events,
                      @ConfigProperty(name = "waihu.analytics.warm-up.max", defaultValue = "PT30S") Duration limit) {
        this.fold = fold;
        this.events = events;
        this.limit = limit;
    }

    void beforeConsumers(@Observes @Priority(900) StartupEvent start) {
        if (events <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        String tenant = "warm-up:" + UUID.randomUUID();
        List<CampaignStarted> campaigns = new ArrayList<>();
        for (int c = 0; c < CAMPAIGNS; c++) {
            // small budgets and three alert percents: the polls cross thresholds, so alerts are built (and rolled back)
            campaigns.add(CampaignStarted.of(tenant, null, "warm-" + c, "warm-up", DialMode.PREDICTIVE, "cn-default",
                    Money.of("5.00", "CNY"), List.of(CARRIERS), null, null, List.of(50, 80, 100)));
        }
        long folded = 0;
        int polls = 0;
        StringBuilder rounds = new StringBuilder(); // ms per round: how far the rehearsal got the fold compiled
        try {
            while (folded < events && System.nanoTime() < deadline) {
                long r0 = System.nanoTime();
                Poll poll = poll(tenant, polls);
                // each topic's records read against its contract by IncomingEvents, as FoldEventsConsumer reads them
                List<CallEvent> calls = read(poll.calls, Topics.CALL_EVENTS, CallEvent.class);
                List<ChargeEvent> charges = read(poll.charges, Topics.CHARGE_EVENTS, ChargeEvent.class);
                List<OutcomeEvent> outcomes = read(poll.outcomes, Topics.OUTCOME_EVENTS, OutcomeEvent.class);
                // the fold channel's polls mix the three topics; a call's events may be in one poll or in several
                List<WaihuEvent> mixed = new ArrayList<>(calls);
                mixed.addAll(charges);
                mixed.addAll(outcomes);
                fold.rehearse(campaigns, calls).await().atMost(limit);
                fold.rehearse(campaigns, charges).await().atMost(limit); // charges before their call: facts created by them
                fold.rehearse(campaigns, outcomes).await().atMost(limit);
                fold.rehearse(campaigns, mixed).await().atMost(limit);
                folded += calls.size() + charges.size() + outcomes.size() + mixed.size();
                polls++;
                rounds.append(' ').append((System.nanoTime() - r0) / 1_000_000);
            }
            LOG.infof("fold warm-up: %d events rehearsed in %d rounds of polls (rolled back) in %.1f s; ms per round:%s",
                    folded, polls, (System.nanoTime() - t0) / 1e9, rounds);
        } catch (RuntimeException e) {
            // a warm-up is an optimisation: without it the fold is right, only slower for its first seconds
            LOG.warnf(e, "fold warm-up stopped after %d events: %s", folded, e.getMessage());
        }
    }

    private record Poll(List<WaihuEvent> calls, List<WaihuEvent> charges, List<WaihuEvent> outcomes) {
    }

    /** One made-up poll per topic: calls of every disposition and a few drops, charges, reratings, unrated calls, outcomes. */
    private static Poll poll(String tenant, int round) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<WaihuEvent> calls = new ArrayList<>();
        List<WaihuEvent> charges = new ArrayList<>();
        List<WaihuEvent> outcomes = new ArrayList<>();
        for (int i = 0; i < CALLS_PER_POLL; i++) {
            String callId = "warm-" + round + "-" + i;
            String campaign = "warm-" + (i % CAMPAIGNS);
            String carrier = CARRIERS[i % CARRIERS.length];
            Instant setup = hour.plusMillis((long) i * 7_001 % 3_600_000);
            if (i % 25 == 24) {
                calls.add(DialDropped.of(tenant, setup, callId, campaign, "att-" + callId, "k-" + callId, "+8613800138000",
                        DropReason.OUTSIDE_WINDOW, null, setup));
                continue;
            }
            CallDisposition d = DISPOSITIONS[i % DISPOSITIONS.length];
            boolean answered = d == CallDisposition.ANSWERED_HUMAN || d == CallDisposition.VOICEMAIL || d == CallDisposition.ABANDONED;
            long end = answered ? 64_000 : 30_000;
            calls.add(CallEnded.of(tenant, setup.plusMillis(end), callId, campaign, "att-" + callId, "k-" + callId,
                    "+8613800138000", carrier, null, d, setup, setup.plusMillis(1_000 + i % 3_000),
                    answered ? setup.plusMillis(4_000) : null, setup.plusMillis(end), answered ? 60 : 0,
                    d == CallDisposition.ABANDONED, null, i % 7 == 0 ? null : "Asia/Shanghai"));
            if (i % 30 == 29) {
                charges.add(CallUnrated.of(tenant, setup.plusMillis(end), callId, campaign, carrier, UnratedReason.NO_TARIFF, null));
            } else if (answered) {
                Money cost = Money.of(new BigDecimal(30 + i % 50).movePointLeft(2), "CNY");
                charges.add(CallCharged.of(tenant, setup.plusMillis(end), callId, campaign, "att-" + callId, carrier, cost,
                        "tariff-1", 1, "86", DestinationClass.values()[i % 4], 60,
                        new ChargeBreakdown(List.of(new ChargeSegment("all", "60/6", 60, 60, 10, Money.of("0.05", "CNY"), cost)),
                                Money.zero("CNY"), List.of())));
                if (i % 10 == 0) {
                    Money delta = Money.of(new BigDecimal(-(i % 20)).movePointLeft(2), "CNY");
                    charges.add(CallRerated.of(tenant, setup.plusMillis(end + 600_000), callId, campaign, cost,
                            Money.of(cost.amount().add(delta.amount()), "CNY"), delta, 2, "warm-up"));
                }
            }
            if (i % 5 == 0) {
                outcomes.add(OutcomeRecorded.of(tenant, setup.plusMillis(end + 60_000), campaign, "att-" + callId,
                        i % 15 == 0 ? null : callId, "k-" + callId, "SALE", true, i % 2 == 0, i % 3 == 0, false, "warm-up"));
            }
        }
        return new Poll(calls, charges, outcomes);
    }

    private static <E extends WaihuEvent> List<E> read(List<WaihuEvent> events, String topic, Class<E> contract) {
        List<E> out = new ArrayList<>(events.size());
        long offset = 0;
        for (WaihuEvent e : events) {
            IncomingEvents.read(new ConsumerRecord<>(topic, 0, offset++, e.aggregateId(), EventJson.write(e)), contract)
                    .ifPresent(out::add);
        }
        return out;
    }
}
