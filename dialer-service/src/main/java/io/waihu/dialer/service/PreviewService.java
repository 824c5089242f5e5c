package io.waihu.dialer.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.dialer.config.DialerConfig;
import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.domain.rules.DialRequest;
import io.waihu.dialer.domain.rules.Drop;
import io.waihu.dialer.repository.DialRequestRepository;
import io.waihu.dialer.repository.DialRequestRepository.Reservation;
import io.waihu.events.campaign.DialMode;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * PREVIEW dialling, the agent-desktop way (VICIdial's and Five9's preview): the dialer never places a PREVIEW call
 * by itself. A READY agent asks for its next call and gets the next queued request of a running PREVIEW campaign it
 * is logged in to, RESERVED for it; it then dials it (the normal path: rule check again, cheapest carrier, events,
 * a person's answer bridged to this agent) or skips it (back to the queue for another agent). A reservation not acted
 * on within {@code waihu.dialer.preview-reservation-timeout} goes back to the queue and the agent to READY.
 */
@ApplicationScoped
public class PreviewService {

    /** Requests looked at per ask: the ones the rule check drops are passed over for the next. */
    private static final int LOOK_AHEAD = 20;

    private final AgentBoard board;
    private final DialerEngine engine;
    private final DialRequestRepository requests;
    private final Pool pool;
    private final DialerConfig config;

    public PreviewService(AgentBoard board, DialerEngine engine, DialRequestRepository requests, Pool pool, DialerConfig config) {
        this.board = board;
        this.engine = engine;
        this.requests = requests;
        this.pool = pool;
        this.config = config;
    }

    /** A request offered to (held by) an agent. */
    public record Offer(DialRequest request, String callId, String agentId, Instant reservedUntil) {
        static Offer of(Reservation r) {
            return new Offer(r.request(), r.callId(), r.agentId(), r.until());
        }
    }

    private Agent agent(String tenantId, String agentId) {
        return board.get(tenantId, agentId).orElseThrow(() -> ProblemException.notFound("agent", agentId));
    }

    /** Running PREVIEW campaigns the agent is logged in to (only {@code campaignId} when given). */
    private Map<String, DialerCampaign> previewCampaigns(Agent agent, String campaignId) {
        if (campaignId != null && !agent.serves(campaignId)) {
            throw new ProblemException(409, "agent-not-assigned", "Agent not assigned",
                    "agent " + agent.agentId() + " is not logged in to campaign " + campaignId);
        }
        Map<String, DialerCampaign> out = new LinkedHashMap<>();
        for (DialerCampaign c : engine.view().values()) {
            if (c.tenantId().equals(agent.tenantId()) && c.status() == DialerCampaign.Status.RUNNING
                    && DialMode.PREVIEW.name().equals(c.dialMode()) && agent.serves(c.campaignId())
                    && (campaignId == null || campaignId.equals(c.campaignId()))) {
                out.put(c.campaignId(), c);
            }
        }
        if (out.isEmpty()) {
            throw new ProblemException(409, "agent-not-assigned", "Agent not assigned",
                    "agent " + agent.agentId() + " is not logged in to a running PREVIEW campaign"
                            + (campaignId == null ? " (campaigns " + agent.campaignIds() + ")" : " (" + campaignId + ")"));
        }
        return out;
    }

    /**
     * Reserves the next request for a READY agent: of its running PREVIEW campaigns, deadline not passed, held by
     * nobody and not skipped by this agent, highest priority then oldest. Requests the rule check would refuse now
     * (window, suppression, cool-off) are dropped with their reason on the way, as the pacer does; the agent never
     * sees a number it may not call.
     *
     * @throws ProblemException 404 agent unknown or no call available, 409 agent not READY or not assigned
     */
    public Uni<Offer> nextCall(String tenantId, String agentId, String campaignId) {
        Agent agent = agent(tenantId, agentId);
        if (agent.state() != AgentState.READY) {
            throw new ProblemException(409, "agent-not-ready", "Agent not ready",
                    "agent " + agentId + " is " + agent.state() + "; only a READY agent can ask for its next call");
        }
        Map<String, DialerCampaign> campaigns = previewCampaigns(agent, campaignId);
        Instant now = Instant.now();
        String callId = UUID.randomUUID().toString();
        Instant until = now.plus(config.previewReservationTimeout());
        AtomicReference<AgentBoard.Change> reserved = new AtomicReference<>();
        // a READY agent holds nothing: a hold still stored for it is stale (a restart put it in WRAP_UP before it timed out)
        return pool.withTransaction(conn -> requests.releaseHeldBy(conn, tenantId, agentId)
                        .chain(() -> requests.lockOfferable(conn, tenantId, campaigns.keySet(), agentId, now, LOOK_AHEAD))
                        .chain(reqs -> {
                            Map<String, List<DialRequest>> byCampaign = new LinkedHashMap<>();
                            reqs.forEach(r -> byCampaign.computeIfAbsent(r.campaignId(), k -> new ArrayList<>()).add(r));
                            Uni<Map<DialRequest, Drop>> checked = Uni.createFrom().<Map<DialRequest, Drop>>item(new LinkedHashMap<>());
                            for (var e : byCampaign.entrySet()) {
                                checked = checked.chain(acc -> engine.checkRules(conn, campaigns.get(e.getKey()), e.getValue(), now)
                                        .map(d -> {
                                            acc.putAll(d);
                                            return acc;
                                        }));
                            }
                            return checked.chain(drops -> {
                                Optional<DialRequest> offered = reqs.stream().filter(r -> !drops.containsKey(r)).findFirst();
                                Uni<Void> written = engine.writeDrops(conn, new ArrayList<>(drops.entrySet()), now);
                                if (offered.isEmpty()) {
                                    return written.replaceWith(Optional.<Offer>empty());
                                }
                                DialRequest r = offered.get();
                                return written.invoke(() -> {
                                            // 409 (and a rollback) if the agent left READY meanwhile, or a second ask raced this one
                                            reserved.set(board.reserveForPreview(tenantId, agentId, callId, now));
                                        })
                                        .chain(() -> requests.reserve(conn, tenantId, r.attemptId(), agentId, callId, until))
                                        .map(ignored -> Optional.of(new Offer(r, callId, agentId, until)));
                            });
                        }))
                .onFailure().invoke(failure -> {
                    if (reserved.get() != null) {
                        board.releaseReservation(tenantId, agentId, callId, Instant.now());
                    }
                })
                .map(offer -> offer.orElseThrow(() -> new ProblemException(404, "no-call-available", "No call available",
                        "no queued request of " + campaigns.keySet() + " is waiting for agent " + agentId)));
    }

    /** The request the agent holds now. */
    public Uni<Offer> current(String tenantId, String agentId) {
        agent(tenantId, agentId);
        return requests.heldBy(tenantId, agentId, Instant.now()).map(r -> {
            if (r == null) {
                throw new ProblemException(404, "no-reservation", "No reservation", "agent " + agentId + " holds no preview request");
            }
            return Offer.of(r);
        });
    }

    private static Reservation held(Reservation h, String agentId, String attemptId, boolean mayHaveTimedOut, Instant now) {
        if (h == null) {
            throw new ProblemException(404, "no-reservation", "No reservation",
                    "attempt " + attemptId + " is not queued (dialled, dropped, or unknown)");
        }
        if (!agentId.equals(h.agentId())) {
            throw new ProblemException(409, "not-reserved", "Not reserved for this agent",
                    "attempt " + attemptId + " is not held by agent " + agentId);
        }
        if (!mayHaveTimedOut && h.until().isBefore(now)) {
            throw new ProblemException(409, "reservation-expired", "Reservation expired",
                    "agent " + agentId + " held attempt " + attemptId + " until " + h.until());
        }
        return h;
    }

    /**
     * Places the held request for its agent. The rule check runs again now: a request that may not be dialled any
     * more is dropped (DialDropped with its reason) and the agent is READY again.
     *
     * @throws ProblemException 404 nothing held under that attempt, 409 held by someone else / expired, 503 every
     *                          carrier that reaches the number is at its trunk limit (the agent still holds it)
     */
    public Uni<DialerEngine.ClaimedDial> dial(String tenantId, String agentId, String attemptId) {
        Agent agent = agent(tenantId, agentId);
        if (agent.state() != AgentState.RESERVED || agent.callId() == null) {
            throw new ProblemException(409, "not-reserved", "Not reserved for this agent",
                    "agent " + agentId + " is " + agent.state() + " and holds no preview request");
        }
        Instant now = Instant.now();
        DialerEngine.Claim claim = new DialerEngine.Claim(agent.callId(), agentId);
        return engine.dialClaimed(conn -> requests.lockReservation(conn, tenantId, attemptId).map(h -> {
                    Reservation r = held(h, agentId, attemptId, false, now);
                    if (!claim.callId().equals(r.callId())) {
                        throw new ProblemException(409, "not-reserved", "Not reserved for this agent",
                                "agent " + agentId + " is reserved for another call than attempt " + attemptId);
                    }
                    return r.request();
                }), claim, now)
                .invoke(result -> {
                    if (result.dropReason() != null) {
                        board.releaseReservation(tenantId, agentId, claim.callId(), Instant.now());
                    }
                    if (result.noFreeLine()) {
                        throw new ProblemException(503, "no-free-line", "No free line",
                                "every carrier that reaches the number is at its trunk limit; try again (the request stays held)");
                    }
                });
    }

    /**
     * The agent passes on the held request: it goes back to the queue, for another agent (this one is not offered it
     * again), and the agent is READY. Nothing is published: the request was not dialled and may still be.
     */
    public Uni<Void> skip(String tenantId, String agentId, String attemptId) {
        agent(tenantId, agentId);
        Instant now = Instant.now();
        return pool.withTransaction(conn -> requests.lockReservation(conn, tenantId, attemptId)
                        .map(h -> held(h, agentId, attemptId, true, now))
                        .call(h -> requests.release(conn, tenantId, attemptId, agentId)))
                .invoke(h -> board.releaseReservation(tenantId, agentId, h.callId(), Instant.now()))
                .replaceWithVoid();
    }
}
