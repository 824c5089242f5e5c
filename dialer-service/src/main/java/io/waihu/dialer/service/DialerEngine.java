package io.waihu.dialer.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.dialer.config.DialerConfig;
import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.dialer.domain.abandon.AbandonLedger;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.domain.agent.AgentState.Actor;
import io.waihu.dialer.domain.pacing.AbandonBudget;
import io.waihu.dialer.domain.pacing.Pacer;
import io.waihu.dialer.domain.pacing.Pacers;
import io.waihu.dialer.domain.pacing.PacingConfig;
import io.waihu.dialer.domain.pacing.PacingDecision;
import io.waihu.dialer.domain.pacing.PacingSnapshot;
import io.waihu.dialer.domain.routing.RouteOption;
import io.waihu.dialer.domain.routing.RouteRanking;
import io.waihu.dialer.domain.rules.DialRequest;
import io.waihu.dialer.domain.rules.DialRuleCheck;
import io.waihu.dialer.domain.rules.Drop;
import io.waihu.dialer.domain.rules.SuppressionEntry;
import io.waihu.dialer.repository.CallRepository;
import io.waihu.dialer.repository.CallRepository.State;
import io.waihu.dialer.repository.DialRequestRepository;
import io.waihu.dialer.repository.DialerCampaignRepository;
import io.waihu.dialer.repository.SuppressionRepository;
import io.waihu.dialer.telephony.CallListener;
import io.waihu.dialer.telephony.CallSetup;
import io.waihu.dialer.telephony.TelephonyAdapter;
import io.waihu.events.Topics;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.DialPolicy;
import io.waihu.events.dialer.AnsweredBy;
import io.waihu.events.dialer.CallAnswered;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.events.dialer.CallRinging;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dialer's loop. Every tick it drops requests that can no longer be dialled (deadline passed, campaign not
 * running), asks each running campaign's pacer how many calls to place, takes that many requests from the queue,
 * runs the rule check and the carrier choice on each (in the transaction that removes them from the queue), and
 * sends the survivors to the telephony adapter. It is also the adapter's listener: each state change of a call is
 * written with its event through the {@link CallJournal}.
 */
@ApplicationScoped
public class DialerEngine implements CallListener {

    private static final Logger LOG = Logger.getLogger(DialerEngine.class);
    /** Abandon limit when a campaign has no dial policy (it is not dialled then anyway). */
    private static final int DEFAULT_LIMIT_BP = 300;

    private final DialerCampaignRepository campaigns;
    private final DialRequestRepository requests;
    private final CallRepository calls;
    private final SuppressionRepository suppressions;
    private final RoutingService routing;
    private final AgentBoard agents;
    private final Coverage coverage;
    private final CarrierLines lines;
    private final CallJournal journal;
    private final TelephonyAdapter telephony;
    private final Outbox outbox;
    private final Pool pool;
    private final MeterRegistry meters;
    private final DialerConfig config;
    private final PacingConfig pacingConfig = PacingConfig.defaults();

    private final Map<String, CampaignRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();
    private final Map<String, ActiveCall> active = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<ActiveCall> waiting = new ConcurrentLinkedDeque<>();
    /** "tenant/agent" -> campaign of the agent's last bridged call (its wrap-up counts for that campaign) */
    private final Map<String, String> lastCampaign = new ConcurrentHashMap<>();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile Map<String, DialerCampaign> view = Map.of();
    private ScheduledExecutorService scheduler;

    public DialerEngine(DialerCampaignRepository campaigns, DialRequestRepository requests, CallRepository calls,
                        SuppressionRepository suppressions, RoutingService routing, AgentBoard agents, Coverage coverage,
                        CarrierLines lines, CallJournal journal, TelephonyAdapter telephony, Outbox outbox, Pool pool,
                        MeterRegistry meters, DialerConfig config) {
        this.campaigns = campaigns;
        this.requests = requests;
        this.calls = calls;
        this.suppressions = suppressions;
        this.routing = routing;
        this.agents = agents;
        this.coverage = coverage;
        this.lines = lines;
        this.journal = journal;
        this.telephony = telephony;
        this.outbox = outbox;
        this.pool = pool;
        this.meters = meters;
        this.config = config;
    }

    private static String key(String tenantId, String campaignId) {
        return DialRequestRepository.key(tenantId, campaignId);
    }

    void start(@Observes StartupEvent ignored) {
        Instant now = Instant.now();
        reloadAbandonLedgers(now);
        recoverUnfinished(now);
        agents.onReady(this::agentReady);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "waihu-dialer-engine");
            t.setDaemon(true);
            return t;
        });
        long every = config.pacingInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /**
     * Rebuilds every campaign's abandon ledger from {@code abandon_bucket} (written in the transaction of each live
     * answer's CallEnded), as a restart does: the rule pack's window survives the process. Blocking; meant for start-up
     * (a call ending while it runs could be missed until the next start).
     */
    public void reloadAbandonLedgers(Instant now) {
        List<Row> rows = calls.bucketsSince(now.minus(AbandonLedger.ROLLING).minus(Duration.ofDays(1))).await().indefinitely();
        runtimes.values().forEach(rt -> rt.ledger.clear());
        for (Row r : rows) {
            runtime(r.getString("tenant_id"), r.getString("campaign_id")).ledger
                    .add(r.getOffsetDateTime("bucket_start").toInstant(), r.getLong("live_answers"), r.getLong("abandoned"));
        }
    }

    /**
     * Calls that were on a line when the dialer stopped cannot be followed any more: the ones no carrier had taken
     * are dropped CARRIERS_FAILED, the others end FAILED at the last instant known of them, so campaign-service
     * can retry them and billing sees no connected seconds it cannot prove. Blocking; meant for start-up, while no
     * call is on a line (a test calls it as a restart would).
     */
    public void recoverUnfinished(Instant now) {
        for (Row r : calls.unfinished().await().indefinitely()) {
            String tenant = r.getString("tenant_id");
            String callId = r.getString("call_id");
            String state = r.getString("state");
            Instant setupAt = r.getOffsetDateTime("setup_at").toInstant();
            if (State.SETUP.name().equals(state) || r.getString("carrier_id") == null) {
                String detail = "the dialer restarted before a carrier took the call";
                journal.write(List.of(CallRepository.dropped(tenant, callId, DropReason.CARRIERS_FAILED, detail, now)),
                        List.of(DialDropped.of(tenant, null, callId, r.getString("campaign_id"), r.getString("attempt_id"),
                                r.getString("contact_id"), r.getString("number"), DropReason.CARRIERS_FAILED, detail, now)));
                continue;
            }
            Instant ringingAt = instant(r, "ringing_at");
            Instant answeredAt = instant(r, "answered_at");
            Instant last = answeredAt != null ? answeredAt : ringingAt != null ? ringingAt : setupAt;
            journal.write(List.of(CallRepository.ended(tenant, callId, CallDisposition.FAILED, last, 0, false, null)),
                    List.of(CallEnded.of(tenant, null, callId, r.getString("campaign_id"), r.getString("attempt_id"),
                            r.getString("contact_id"), r.getString("number"), r.getString("carrier_id"), r.getString("agent_id"),
                            CallDisposition.FAILED, setupAt, ringingAt, answeredAt, last, 0, false, null, r.getString("callee_zone"))
                            .withNumberReading(DialRequestRepository.numberType(r), r.getString("range_carrier"))));
        }
    }

    private static Instant instant(Row r, String column) {
        var value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    // ---------------------------------------------------------------- the loop

    CampaignRuntime runtime(String tenantId, String campaignId) {
        return runtimes.computeIfAbsent(key(tenantId, campaignId), k -> {
            CampaignRuntime rt = new CampaignRuntime(tenantId, campaignId);
            Tags tags = Tags.of("tenant", tenantId, "campaign", campaignId);
            Gauge.builder("waihu.dialer.pacing.calls.to.place", rt, r -> r.last() == null || r.last().decision() == null ? 0
                    : r.last().decision().callsToPlace()).tags(tags).description("calls the last pacing decision placed").register(meters);
            Gauge.builder("waihu.dialer.pacing.ready.agents", rt, r -> r.last() == null || r.last().snapshot() == null ? 0
                    : r.last().snapshot().readyAgents()).tags(tags).register(meters);
            Gauge.builder("waihu.dialer.pacing.in.flight", rt, CampaignRuntime::inFlight).tags(tags).register(meters);
            Gauge.builder("waihu.dialer.pacing.answer.rate", rt, r -> {
                double ratio = r.stats(15).humanAnswerRatio();
                return Double.isNaN(ratio) ? 0 : ratio;
            }).tags(tags).description("human answers per finished attempt, last 500").register(meters);
            Gauge.builder("waihu.dialer.pacing.abandon.rate", rt, r -> r.last() == null || r.last().snapshot() == null ? 0
                    : r.last().snapshot().abandon().rate()).tags(tags).description("abandoned / live answers in the rule-pack window")
                    .register(meters);
            return rt;
        });
    }

    public Optional<CampaignRuntime> runtimeIfKnown(String tenantId, String campaignId) {
        return Optional.ofNullable(runtimes.get(key(tenantId, campaignId)));
    }

    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        Instant now = Instant.now();
        Uni.combine().all().unis(campaigns.all(), requests.queuedByCampaign()).asTuple()
                .chain(t -> {
                    Map<String, DialerCampaign> byKey = new HashMap<>();
                    t.getItem1().forEach(c -> byKey.put(key(c.tenantId(), c.campaignId()), c));
                    view = byKey;
                    return releaseTimedOutReservations(now).chain(() -> sweep(byKey, t.getItem2(), now))
                            .chain(() -> paceAll(byKey, t.getItem2(), now));
                })
                .subscribe().with(ok -> ticking.set(false), failure -> {
                    LOG.warnf("pacing tick failed: %s", failure.getMessage());
                    ticking.set(false);
                });
    }

    /** PREVIEW requests whose agent neither dialled nor skipped them in time go back to the queue; the agent to READY. */
    private Uni<Void> releaseTimedOutReservations(Instant now) {
        return requests.releaseTimedOut(now, 1000).invoke(held -> held.forEach(h -> {
            if (agents.releaseReservation(h.request().tenantId(), h.agentId(), h.callId(), Instant.now())) {
                LOG.debugf("preview reservation of %s by %s timed out", h.request().attemptId(), h.agentId());
            }
        })).replaceWithVoid();
    }

    /** Drops what can no longer be dialled: deadline passed; campaign paused, completed or still unknown after the grace. */
    private Uni<Void> sweep(Map<String, DialerCampaign> byKey, Map<String, Integer> queued, Instant now) {
        Uni<Void> expired = pool.withTransaction(conn -> requests.lockExpired(conn, now, 1000).chain(reqs -> drop(conn, reqs,
                r -> new Drop(DropReason.DEADLINE_PASSED, "deadline " + r.deadline() + " passed before a line was free"), now)));
        Map<String, Map<String, Instant>> notRunningByTenant = new HashMap<>();
        for (String k : queued.keySet()) {
            DialerCampaign c = byKey.get(k);
            if (c != null && c.status() == DialerCampaign.Status.RUNNING) {
                continue;
            }
            int slash = k.indexOf('/');
            Instant receivedBefore = c == null ? now.minus(config.unknownCampaignGrace()) : now;
            notRunningByTenant.computeIfAbsent(k.substring(0, slash), x -> new LinkedHashMap<>()).put(k.substring(slash + 1), receivedBefore);
        }
        Uni<Void> chain = expired;
        for (var tenant : notRunningByTenant.entrySet()) {
            for (var campaign : tenant.getValue().entrySet()) {
                chain = chain.chain(() -> pool.withTransaction(conn -> requests.lockForCampaigns(conn, tenant.getKey(),
                        List.of(campaign.getKey()), campaign.getValue(), 1000).chain(reqs -> drop(conn, reqs, r -> {
                            DialerCampaign c = byKey.get(key(r.tenantId(), r.campaignId()));
                            return DialRuleCheck.check(r, c, List.of(), null, now)
                                    .filter(d -> d.reason() == DropReason.CAMPAIGN_NOT_RUNNING || d.reason() == DropReason.DEADLINE_PASSED)
                                    .orElse(new Drop(DropReason.CAMPAIGN_NOT_RUNNING, "campaign is not running"));
                        }, now))));
            }
        }
        return chain;
    }

    /** Campaigns whose pacer dials for agents: an agent shared by several counts for one of them at a time. */
    private static boolean pacedOnAgents(DialerCampaign c) {
        DialMode m = mode(c);
        return c.status() == DialerCampaign.Status.RUNNING && (m == DialMode.PROGRESSIVE || m == DialMode.PREDICTIVE);
    }

    /** The campaign of the call an agent is on or reserved for, else of the last call it was bridged to. */
    private String callCampaign(Agent a) {
        if (a.callId() != null) {
            ActiveCall call = active.get(a.callId());
            if (call != null) {
                return call.campaignId;
            }
        }
        return lastCampaign.get(key(a.tenantId(), a.agentId()));
    }

    private Uni<Void> paceAll(Map<String, DialerCampaign> byKey, Map<String, Integer> queued, Instant now) {
        Map<String, Integer> paced = new HashMap<>();
        byKey.forEach((k, c) -> {
            if (pacedOnAgents(c)) {
                paced.put(k, queued.getOrDefault(k, 0));
            }
        });
        Map<String, CampaignRuntime> running = new HashMap<>();
        byKey.forEach((k, c) -> {
            if (c.status() == DialerCampaign.Status.RUNNING) {
                running.put(k, runtime(c.tenantId(), c.campaignId()));
            }
        });
        // agents and the calls covering them as of one instant: an answer handed over in between would otherwise
        // leave its agent READY beside a call no longer in flight, and the agent would be dialled a second time
        Map<String, Coverage.Reading> readings = coverage.read(paced, running, this::callCampaign);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DialerCampaign c : byKey.values()) {
            if (c.status() != DialerCampaign.Status.RUNNING) {
                CampaignRuntime rt = runtimes.get(key(c.tenantId(), c.campaignId()));
                if (rt != null) {
                    rt.decided(new CampaignRuntime.LastDecision(now, null, null, null, "campaign is " + c.status()
                            + (c.statusReason() == null ? "" : " (" + c.statusReason() + ")")));
                }
                continue;
            }
            String k = key(c.tenantId(), c.campaignId());
            CampaignRuntime rt = running.get(k);
            int queuedHere = queued.getOrDefault(k, 0);
            PacingSnapshot snapshot = snapshot(c, rt, queuedHere, now, readings.get(k));
            Pacer pacer = pacerFor(c);
            PacingDecision decision = hardLimit(pacer.decide(snapshot), snapshot);
            String why = c.dialPolicy() == null ? "campaign has no dial policy: its requests are dropped OUTSIDE_WINDOW"
                    : queuedHere == 0 ? "no dial requests queued" : null;
            rt.decided(new CampaignRuntime.LastDecision(now, pacer.name(), snapshot, decision, why));
            int n = Math.min(decision.callsToPlace(), config.maxTakePerTick());
            if (n > 0) {
                chain = chain.chain(() -> take(c, rt, n, now));
            }
        }
        return chain;
    }

    /**
     * The abandon limit is hard: once the window's rate is at the limit, no mode may dial more calls than there are
     * uncovered ready agents (progressive), whatever its own arithmetic says.
     */
    private static PacingDecision hardLimit(PacingDecision decision, PacingSnapshot s) {
        if (s.mode() == DialMode.AGENTLESS || !s.abandon().exhausted()) {
            return decision;
        }
        int safe = Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting());
        if (decision.callsToPlace() <= safe) {
            return decision;
        }
        Map<String, Object> inputs = new LinkedHashMap<>(decision.inputs());
        inputs.put("hardLimitCap", safe);
        return new PacingDecision(safe, decision.reason() + "; abandon limit reached (" + s.abandon().describe()
                + "): capped at " + safe + " (one per uncovered ready agent)", inputs);
    }

    private Pacer pacerFor(DialerCampaign c) {
        DialMode mode = mode(c);
        // predictive keeps no state between decisions here, but one instance per campaign is what Pacers asks for
        return pacers.compute(key(c.tenantId(), c.campaignId()) + "/" + mode, (k, existing) -> existing != null ? existing
                : Pacers.forMode(mode, pacingConfig));
    }

    private static DialMode mode(DialerCampaign c) {
        try {
            return c.dialMode() == null ? DialMode.PROGRESSIVE : DialMode.valueOf(c.dialMode());
        } catch (IllegalArgumentException unknown) {
            return DialMode.PROGRESSIVE;
        }
    }

    PacingSnapshot snapshot(DialerCampaign c, CampaignRuntime rt, int queued, Instant now, Coverage.Reading reading) {
        DialPolicy p = c.dialPolicy();
        AbandonWindow window = p == null ? AbandonWindow.ROLLING_30_DAYS : p.abandonWindow();
        ZoneId zone = p == null ? ZoneOffset.UTC : p.abandonZone();
        AbandonLedger.Totals totals = rt.ledger.totals(window, zone, now);
        int limit = Math.min(9_999, p == null ? DEFAULT_LIMIT_BP : p.abandonLimitBasisPoints());
        AbandonBudget budget = new AbandonBudget(totals.liveAnswers(), Math.min(totals.abandoned(), totals.liveAnswers()), limit);
        AgentBoard.Counts a = reading.agents();
        return new PacingSnapshot(now, mode(c), a.loggedIn(), a.ready(), a.busy(), a.wrapUp(), reading.callsInFlight(),
                reading.liveWaiting(), queued, rt.stats(a.meanWrapSeconds()), budget, p == null ? null : p.maxConcurrentCalls(),
                p == null ? null : p.maxCallsPerSecond(), rt.startedLastSecond(System.currentTimeMillis()));
    }

    // ---------------------------------------------------------------- taking requests

    private record Placement(DialRequest request, ActiveCall call, RouteOption route) {
    }

    /** PREVIEW: the call id the agent's reservation announced and the agent RESERVED for it. */
    record Claim(String callId, String agentId) {
    }

    private Uni<Void> take(DialerCampaign c, CampaignRuntime rt, int n, Instant now) {
        List<Placement> placed = new ArrayList<>();
        return pool.withTransaction(conn -> requests.lockNext(conn, c.tenantId(), c.campaignId(), n)
                        .chain(reqs -> decide(conn, c, rt, reqs, placed, new ArrayList<>(), null, now)))
                .onFailure().invoke(failure -> {
                    placed.forEach(p -> lines.release(p.route().carrierId()));
                    placed.clear();
                })
                .invoke(() -> placed.forEach(p -> start(p, now)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("taking dial requests of %s failed: %s", c.campaignId(), failure.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    /**
     * The rule check of each request of one campaign (window, blackout, suppression, abandon cool-off, deadline,
     * campaign state): the ones to drop, with why. Used when the pacer takes requests and when a PREVIEW agent is
     * offered one.
     */
    Uni<Map<DialRequest, Drop>> checkRules(SqlConnection conn, DialerCampaign c, List<DialRequest> reqs, Instant now) {
        if (reqs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> numbers = new HashSet<>();
        reqs.forEach(r -> numbers.add(r.number()));
        int coolOff = c == null || c.dialPolicy() == null ? 0 : c.dialPolicy().noRedialAfterAbandonHours();
        Uni<Map<String, Instant>> abandons = coolOff == 0 ? Uni.createFrom().item(Map.of())
                : calls.lastAbandons(conn, reqs.get(0).tenantId(), numbers, now.minus(Duration.ofHours(coolOff)));
        return Uni.combine().all().unis(suppressions.candidates(conn, reqs.get(0).tenantId(), numbers, now), abandons).asTuple().map(t -> {
            Map<DialRequest, Drop> drops = new LinkedHashMap<>();
            for (DialRequest r : reqs) {
                DialRuleCheck.check(r, c, t.getItem1(), t.getItem2().get(r.number()), now).ifPresent(d -> drops.put(r, d));
            }
            return drops;
        });
    }

    private Uni<Void> decide(SqlConnection conn, DialerCampaign c, CampaignRuntime rt, List<DialRequest> reqs, List<Placement> placed,
                             List<Map.Entry<DialRequest, Drop>> drops, Claim claim, Instant now) {
        if (reqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return checkRules(conn, c, reqs, now).chain(ruled -> {
            List<Placement> candidates = new ArrayList<>();
            long nowMillis = System.currentTimeMillis();
            for (DialRequest r : reqs) {
                Drop drop = ruled.get(r);
                if (drop != null) {
                    drops.add(Map.entry(r, drop));
                    continue;
                }
                RouteRanking ranking = routing.rank(c.tenantId(), r.number(), c.allowedCarrierIds(), c.budgetCurrency(), now);
                if (!ranking.reachable()) {
                    drops.add(Map.entry(r, new Drop(DropReason.NO_ROUTE, noRouteDetail(ranking, c))));
                    continue;
                }
                int chosen = acquireFrom(ranking.options(), 0, nowMillis);
                if (chosen < 0) {
                    // every carrier that reaches it is at its trunk limit: the request stays queued for a later tick
                    continue;
                }
                RouteOption route = ranking.options().get(chosen);
                ActiveCall call = new ActiveCall(c.tenantId(), claim != null ? claim.callId() : UUID.randomUUID().toString(), c.campaignId(),
                        r.attemptId(), r.contactId(), r.number(), r.calleeZones().get(0), r.numberType(), r.rangeCarrier(),
                        c.dialPolicy().callerId(),
                        claim != null || !c.agentless(), ranking.options(), rt);
                call.reservedAgentId = claim == null ? null : claim.agentId();
                call.optionIndex = chosen;
                call.carrierId = route.carrierId();
                call.setupAt = now;
                candidates.add(new Placement(r, call, route));
            }
            placed.addAll(candidates);
            Uni<Void> dropped = writeDrops(conn, drops, now);
            List<Uni<Boolean>> opened = new ArrayList<>();
            for (Placement p : candidates) {
                ActiveCall call = p.call();
                opened.add(calls.open(conn, call.tenantId, call.callId, call.campaignId, call.attemptId, call.contactId, call.number,
                        call.calleeZone, call.carrierId, call.callerId, State.SETUP, c.dialPolicy().rulePackVersion(), now, null, null,
                        call.numberType, call.rangeCarrier));
            }
            List<String> handled = new ArrayList<>();
            candidates.forEach(p -> handled.add(p.request().attemptId()));
            Uni<Void> deleted = requests.delete(conn, c.tenantId(), handled);
            Uni<Void> openAll = opened.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(opened).andFailFast().invoke(results -> {
                // a duplicate attempt (handled before under another event) is not placed again
                for (int i = results.size() - 1; i >= 0; i--) {
                    if (!results.get(i)) {
                        Placement dup = placed.remove(i);
                        lines.release(dup.route().carrierId());
                    }
                }
            }).replaceWithVoid();
            return dropped.chain(() -> deleted).chain(() -> openAll);
        });
    }

    /** What became of a PREVIEW request its agent dialled. */
    public record ClaimedDial(String callId, String carrierId, DropReason dropReason, String dropDetail, boolean noFreeLine) {
    }

    /**
     * Dials a request an agent holds, through the same path as the pacer's calls: the rule check again at this
     * instant, the cheapest allowed carrier with a free line, the dialer_call row and the events. The request is
     * locked and checked by {@code lock} in the same transaction. A person who answers is bridged to this agent.
     */
    Uni<ClaimedDial> dialClaimed(java.util.function.Function<SqlConnection, Uni<DialRequest>> lock, Claim claim, Instant now) {
        List<Placement> placed = new ArrayList<>();
        List<Map.Entry<DialRequest, Drop>> drops = new ArrayList<>();
        return pool.withTransaction(conn -> lock.apply(conn).chain(r -> {
                    DialerCampaign c = view.get(key(r.tenantId(), r.campaignId()));
                    if (c == null) {
                        drops.add(Map.entry(r, new Drop(DropReason.CAMPAIGN_NOT_RUNNING, "the dialer does not know campaign " + r.campaignId())));
                        return writeDrops(conn, drops, now).replaceWith(r);
                    }
                    return decide(conn, c, runtime(c.tenantId(), c.campaignId()), List.of(r), placed, drops, claim, now).replaceWith(r);
                }))
                .onFailure().invoke(failure -> {
                    placed.forEach(p -> lines.release(p.route().carrierId()));
                    placed.clear();
                })
                .map(r -> {
                    placed.forEach(p -> start(p, now));
                    if (!placed.isEmpty()) {
                        return new ClaimedDial(claim.callId(), placed.get(0).route().carrierId(), null, null, false);
                    }
                    if (!drops.isEmpty()) {
                        Drop d = drops.get(0).getValue();
                        return new ClaimedDial(null, null, d.reason(), d.detail(), false);
                    }
                    // every carrier that reaches the number is at its trunk limit: the request stays queued and held
                    // (a held request cannot be a duplicate: enqueue never queues an attempt dialer_call already has)
                    return new ClaimedDial(null, null, null, null, true);
                });
    }

    private static String noRouteDetail(RouteRanking ranking, DialerCampaign c) {
        StringBuilder s = new StringBuilder("no carrier in force reaches ").append(ranking.number());
        if (!c.allowedCarrierIds().isEmpty()) {
            s.append(" among allowed ").append(c.allowedCarrierIds());
        }
        ranking.excluded().stream().limit(5).forEach(e -> s.append("; ").append(e.carrierId()).append(": ").append(e.reason()));
        return s.toString();
    }

    /** The first option from {@code from} whose carrier has a free line, or -1. */
    private int acquireFrom(List<RouteOption> options, int from, long nowMillis) {
        for (int i = from; i < options.size(); i++) {
            if (lines.tryAcquire(options.get(i).carrierId(), nowMillis)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes requests from the queue as drops: a dialer_call row (one per attempt) and a DialDropped each. */
    private Uni<Void> drop(SqlConnection conn, List<DialRequest> reqs, java.util.function.Function<DialRequest, Drop> why, Instant now) {
        List<Map.Entry<DialRequest, Drop>> drops = new ArrayList<>();
        reqs.forEach(r -> drops.add(Map.entry(r, why.apply(r))));
        return writeDrops(conn, drops, now);
    }

    Uni<Void> writeDrops(SqlConnection conn, List<Map.Entry<DialRequest, Drop>> drops, Instant now) {
        if (drops.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<String>> byTenant = new HashMap<>();
        drops.forEach(d -> byTenant.computeIfAbsent(d.getKey().tenantId(), k -> new ArrayList<>()).add(d.getKey().attemptId()));
        List<Uni<Void>> work = new ArrayList<>();
        byTenant.forEach((tenant, ids) -> work.add(requests.delete(conn, tenant, ids)));
        for (Map.Entry<DialRequest, Drop> d : drops) {
            DialRequest r = d.getKey();
            String callId = UUID.randomUUID().toString();
            work.add(calls.open(conn, r.tenantId(), callId, r.campaignId(), r.attemptId(), r.contactId(), r.number(), r.calleeZones().get(0),
                            null, null, State.DROPPED, null, now, d.getValue().reason(), d.getValue().detail(), r.numberType(),
                            r.rangeCarrier())
                    .chain(inserted -> inserted ? outbox.append(conn, Topics.CALL_EVENTS, DialDropped.of(r.tenantId(), null, callId,
                            r.campaignId(), r.attemptId(), r.contactId(), r.number(), d.getValue().reason(), d.getValue().detail(), now))
                            : Uni.createFrom().voidItem()));
        }
        return Uni.join().all(work).andFailFast().replaceWithVoid();
    }

    private void start(Placement p, Instant now) {
        ActiveCall call = p.call();
        active.put(call.callId, call);
        call.runtime.callStarted(System.currentTimeMillis());
        telephony.place(new CallSetup(call.callId, call.number, call.carrierId, call.callerId, call.calleeZone, call.setupAt, call.needsAgent),
                this);
    }

    // ---------------------------------------------------------------- the adapter's reports

    @Override
    public void accepted(String callId, Instant placedAt) {
        ActiveCall call = active.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            journal.write(List.of(CallRepository.placed(call.tenantId, callId, call.carrierId, call.setupAt)),
                    List.of(CallPlaced.of(call.tenantId, null, callId, call.campaignId, call.attemptId, call.number, call.carrierId,
                            call.callerId, call.setupAt)));
        }
    }

    @Override
    public void setupFailed(String callId, String carrierId, String cause, Instant at) {
        ActiveCall call = active.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            lines.release(carrierId);
            call.failures.add(carrierId + ": " + cause);
            int next = acquireFrom(call.options, call.optionIndex + 1, System.currentTimeMillis());
            if (next >= 0) {
                // failover: the next cheapest carrier that reaches the number, from the failure's instant
                call.optionIndex = next;
                call.carrierId = call.options.get(next).carrierId();
                call.setupAt = at;
                telephony.place(new CallSetup(callId, call.number, call.carrierId, call.callerId, call.calleeZone, at, call.needsAgent), this);
                return;
            }
            active.remove(callId);
            call.done = true;
            call.runtime.callLeftFlight();
            String detail = "carriers failed: " + String.join("; ", call.failures);
            journal.write(List.of(CallRepository.dropped(call.tenantId, callId, DropReason.CARRIERS_FAILED, detail, at)),
                    List.of(DialDropped.of(call.tenantId, null, callId, call.campaignId, call.attemptId, call.contactId, call.number,
                            DropReason.CARRIERS_FAILED, detail, at)));
        }
        releasePreviewAgent(call);
    }

    /** A PREVIEW call that connected nobody (not placed, not answered by a person): its agent is READY again. */
    private void releasePreviewAgent(ActiveCall call) {
        if (call.reservedAgentId != null && call.agentId == null) {
            agents.releaseReservation(call.tenantId, call.reservedAgentId, call.callId, Instant.now());
        }
    }

    @Override
    public void ringing(String callId, Instant at) {
        ActiveCall call = active.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            call.ringingAt = at;
            journal.write(List.of(CallRepository.ringing(call.tenantId, callId, at)),
                    List.of(CallRinging.of(call.tenantId, null, callId, call.campaignId, call.attemptId, at)));
        }
    }

    @Override
    public void answered(String callId, Instant at, AnsweredBy answeredBy, String amdResult) {
        ActiveCall call = active.get(callId);
        if (call == null) {
            return;
        }
        boolean needsAgent;
        synchronized (call) {
            call.answeredAt = at;
            call.answeredBy = answeredBy;
            // the runtime's in-flight count drops once below: at once, or (a person for an agent) in the hand-over
            call.inFlight = false;
            journal.write(List.of(CallRepository.answered(call.tenantId, callId, at, answeredBy)),
                    List.of(CallAnswered.of(call.tenantId, null, callId, call.campaignId, call.attemptId, at, answeredBy)));
            needsAgent = call.needsAgent && answeredBy == AnsweredBy.HUMAN;
            // should no agent take it, it waits from here
            call.waitingSinceNanos = System.nanoTime();
        }
        if (!needsAgent) {
            call.runtime.callLeftFlight();
            return;
        }
        if (call.reservedAgentId != null) {
            // PREVIEW: the agent who dialled is RESERVED for this call and takes it, so it is never abandoned for want of one
            Optional<Agent> own = agents.get(call.tenantId, call.reservedAgentId);
            if (own.isPresent() && own.get().state() == AgentState.RESERVED && callId.equals(own.get().callId())) {
                call.runtime.callLeftFlight();
                bridge(call, own.get(), at);
                return;
            }
            LOG.warnf("preview call %s: agent %s is no longer reserved for it; it waits like any answered call", callId, call.reservedAgentId);
        }
        // the call stops covering a READY agent in the same step as that agent is reserved for it (or it starts waiting)
        Optional<Agent> agent = coverage.handOver(call.runtime, callId, Instant.now(), () -> waiting.addLast(call));
        if (agent.isPresent()) {
            bridge(call, agent.get(), at);
            return;
        }
        Duration limit = telephony.realTime(config.abandonAfter());
        scheduler.schedule(() -> abandonIfWaiting(call), Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
    }

    private void bridge(ActiveCall call, Agent agent, Instant at) {
        synchronized (call) {
            try {
                agents.move(call.tenantId, agent.agentId(), AgentState.ON_CALL, Actor.DIALER, Instant.now(), call.callId, null);
            } catch (ProblemException raced) {
                // the desktop moved the agent in between: this call waits for the next one
                LOG.debugf("agent %s could not take call %s: %s", agent.agentId(), call.callId, raced.getMessage());
            }
            call.agentId = agent.agentId();
            call.bridgedAt = at;
            lastCampaign.put(key(call.tenantId, agent.agentId()), call.campaignId);
            journal.write(List.of(CallRepository.bridged(call.tenantId, call.callId, agent.agentId())), List.of());
        }
        telephony.bridge(call.callId, agent.agentId(), at);
    }

    /** An agent became READY: give it the answered call that has waited longest among its campaigns. */
    void agentReady(Agent agent) {
        for (ActiveCall call : waiting) {
            if (!call.tenantId.equals(agent.tenantId()) || !agent.serves(call.campaignId)) {
                continue;
            }
            if (!waiting.remove(call)) {
                continue;
            }
            Optional<Agent> reserved = coverage.takeWaiting(call.runtime, call.callId, Instant.now());
            if (reserved.isEmpty()) {
                waiting.addFirst(call);
                return;
            }
            Instant at;
            synchronized (call) {
                long waitedNanos = System.nanoTime() - call.waitingSinceNanos;
                long callNanos = (long) (waitedNanos * telephony.timeFactor());
                // within the limit by construction (the abandon timer has not fired); never report more
                callNanos = Math.min(callNanos, config.abandonAfter().toNanos() - 1_000_000);
                at = call.answeredAt.plusNanos(Math.max(0, callNanos));
            }
            bridge(call, reserved.get(), at);
            return;
        }
    }

    private void abandonIfWaiting(ActiveCall call) {
        if (!waiting.remove(call)) {
            return;
        }
        Instant at;
        synchronized (call) {
            call.runtime.waitingDone();
            at = call.answeredAt.plus(config.abandonAfter());
        }
        telephony.hangUp(call.callId, CallDisposition.ABANDONED, at);
    }

    @Override
    public void ended(String callId, CallDisposition disposition, Instant at) {
        ActiveCall call = active.remove(callId);
        if (call == null) {
            return;
        }
        String agentId;
        Agent agent = null;
        synchronized (call) {
            if (call.done) {
                return;
            }
            call.done = true;
            lines.release(call.carrierId);
            if (call.inFlight) {
                call.inFlight = false;
                call.runtime.callLeftFlight();
            }
            if (waiting.remove(call)) {
                call.runtime.waitingDone();
            }
            Instant endedAt = at.isBefore(call.setupAt) ? call.setupAt : at;
            boolean abandoned = disposition == CallDisposition.ABANDONED;
            long billable = call.answeredAt == null ? 0 : billableSeconds(call.answeredAt, endedAt);
            agentId = call.agentId;
            List<CallJournal.Statement> statements = new ArrayList<>();
            statements.add(CallRepository.ended(call.tenantId, callId, disposition, endedAt, billable, abandoned, agentId));
            boolean live = call.answeredAt != null && call.answeredBy == AnsweredBy.HUMAN
                    && (disposition == CallDisposition.ANSWERED_HUMAN || abandoned);
            if (live) {
                statements.add(CallRepository.countLiveAnswer(call.tenantId, call.campaignId, AbandonLedger.bucketOf(call.answeredAt), abandoned));
                call.runtime.ledger.record(call.answeredAt, abandoned);
            }
            String amd = call.answeredBy == null ? null : call.answeredBy.name();
            journal.write(statements, List.of(CallEnded.of(call.tenantId, null, callId, call.campaignId, call.attemptId, call.contactId,
                    call.number, call.carrierId, agentId, disposition, call.setupAt, call.ringingAt, call.answeredAt, endedAt, billable,
                    abandoned, amd, call.calleeZone).withNumberReading(call.numberType, call.rangeCarrier)));
            double toAnswer = call.answeredAt == null ? 0 : seconds(call.setupAt, call.answeredAt);
            double talk = call.bridgedAt != null ? seconds(call.bridgedAt, endedAt) : call.answeredAt != null ? seconds(call.answeredAt, endedAt) : 0;
            call.runtime.record(disposition, toAnswer, seconds(call.setupAt, endedAt), talk);
            if (agentId != null) {
                agent = agents.get(call.tenantId, agentId).orElse(null);
            }
        }
        if (agent != null) {
            afterCall(agent, callId);
        } else {
            releasePreviewAgent(call);
        }
    }

    /** The agent goes to after-call work; a simulated one comes back READY after its wrap time (call time). */
    private void afterCall(Agent agent, String callId) {
        try {
            agents.move(agent.tenantId(), agent.agentId(), AgentState.WRAP_UP, Actor.DIALER, Instant.now(), null, null);
        } catch (ProblemException notOnThisCall) {
            LOG.debugf("agent %s not moved to wrap-up after %s: %s", agent.agentId(), callId, notOnThisCall.getMessage());
            return;
        }
        if (!agent.simulated()) {
            return;
        }
        Duration wrap = telephony.realTime(Duration.ofSeconds(agent.wrapSeconds()));
        scheduler.schedule(() -> {
            try {
                agents.move(agent.tenantId(), agent.agentId(), AgentState.READY, Actor.DIALER, Instant.now(), null, null);
            } catch (ProblemException movedMeanwhile) {
                LOG.debugf("simulated agent %s left wrap-up by itself: %s", agent.agentId(), movedMeanwhile.getMessage());
            }
        }, Math.max(1, wrap.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Whole seconds between answer and end, rounded up: what the carrier bills. */
    static long billableSeconds(Instant answeredAt, Instant endedAt) {
        long nanos = Duration.between(answeredAt, endedAt).toNanos();
        if (nanos <= 0) {
            return 0;
        }
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** Calls on lines now (for the pacing view and the benchmark). */
    public int activeCalls() {
        return active.size();
    }

    public Collection<CampaignRuntime> runtimes() {
        return runtimes.values();
    }

    public Map<String, DialerCampaign> view() {
        return view;
    }
}
