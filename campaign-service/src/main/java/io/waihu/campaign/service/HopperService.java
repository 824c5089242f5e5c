package io.waihu.campaign.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.campaign.domain.Campaign;
import io.waihu.campaign.domain.CampaignPolicy;
import io.waihu.campaign.domain.RetryPlan;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.campaign.domain.HopperRules;
import io.waihu.campaign.domain.RulePack;
import io.waihu.campaign.repository.CampaignRepository;
import io.waihu.campaign.repository.HopperRepository;
import io.waihu.campaign.repository.RulePackRepository;
import io.waihu.events.Topics;
import io.waihu.events.campaign.DialRequested;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.persistence.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hopper: every tick, for each RUNNING campaign, keeps hopperSize dial requests outstanding. A tick of one
 * campaign is one transaction under an advisory lock, so several replicas never release the same contact twice;
 * each release is an attempt row plus a DialRequested in the outbox, committed together.
 */
@ApplicationScoped
public class HopperService {

    private static final Logger LOG = Logger.getLogger(HopperService.class);
    /** Candidates read per free slot: some are deferred (window, caps), so read more than the slots. */
    private static final int OVERFETCH = 3;

    private final Pool pool;
    private final Vertx vertx;
    private final CampaignRepository campaigns;
    private final RulePackRepository packs;
    private final HopperRepository hopper;
    private final CampaignService lifecycle;
    private final Outbox outbox;
    private final Clock clock;
    private final long intervalMillis;
    private final Duration deadline;
    private final Duration placedTimeout;
    private final boolean enabled;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final long enrolEveryNanos;
    /** When each campaign was last enrolled by this replica (monotonic nanos): enrolment reads every recent contact. */
    private final java.util.concurrent.ConcurrentHashMap<UUID, Long> lastEnrol = new java.util.concurrent.ConcurrentHashMap<>();
    private long timerId = -1;

    public HopperService(Pool pool, Vertx vertx, CampaignRepository campaigns, RulePackRepository packs, HopperRepository hopper,
                         CampaignService lifecycle, Outbox outbox, Clock clock,
                         @ConfigProperty(name = "waihu.hopper.interval-millis", defaultValue = "500") long intervalMillis,
                         @ConfigProperty(name = "waihu.hopper.deadline", defaultValue = "PT2M") Duration deadline,
                         @ConfigProperty(name = "waihu.hopper.enabled", defaultValue = "true") boolean enabled,
                         @ConfigProperty(name = "waihu.hopper.enrol-every", defaultValue = "PT5S") Duration enrolEvery,
                         @ConfigProperty(name = "waihu.hopper.placed-timeout", defaultValue = "PT3H") Duration placedTimeout) {
        this.pool = pool;
        this.vertx = vertx;
        this.campaigns = campaigns;
        this.packs = packs;
        this.hopper = hopper;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.deadline = deadline;
        this.placedTimeout = placedTimeout;
        this.enabled = enabled;
        this.enrolEveryNanos = enrolEvery.toNanos();
    }

    void start(@Observes StartupEvent ignored) {
        if (enabled) {
            timerId = vertx.setPeriodic(intervalMillis, id -> runOnce());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** One pass over the active campaigns; a pass still running makes the next tick skip. */
    private void runOnce() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        campaigns.active()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(c -> tick(c.id(), clock.instant())
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("hopper tick of campaign %s failed: %s", c.id(), e.getMessage());
                            return TickResult.NONE;
                        }))
                .collect().asList()
                .subscribe().with(done -> busy.set(false), e -> {
                    LOG.warnf("hopper pass failed: %s", e.getMessage());
                    busy.set(false);
                });
    }

    /** What one tick did, for tests and logs. */
    public record TickResult(int released, int deferred, int closed, boolean completed) {
        static final TickResult NONE = new TickResult(0, 0, 0, false);
    }

    /** One campaign, at instant now (given, so tests can choose the clock). */
    public Uni<TickResult> tick(UUID campaignId, Instant now) {
        return pool.withTransaction(conn -> hopper.tryLock(conn, campaignId).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(TickResult.NONE);
            }
            return conn.preparedQuery("SELECT tenant_id FROM campaign WHERE id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(campaignId))
                    .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(java.util.Optional.<Campaign>empty())
                            : campaigns.lock(conn, rows.iterator().next().getString(0), campaignId))
                    .chain(found -> found.isEmpty() ? Uni.createFrom().item(TickResult.NONE) : tick(conn, found.get(), now));
        }));
    }

    private Uni<TickResult> tick(SqlConnection conn, Campaign c, Instant now) {
        if (c.status() == CampaignStatus.SCHEDULED) {
            if (c.startsAt() != null && c.startsAt().isAfter(now)) {
                return Uni.createFrom().item(TickResult.NONE);
            }
            return lifecycle.run(conn, c, now).replaceWith(TickResult.NONE);
        }
        if (c.status() != CampaignStatus.RUNNING) {
            return Uni.createFrom().item(TickResult.NONE);
        }
        if (c.endsAt() != null && !c.endsAt().isAfter(now)) {
            return lifecycle.transition(conn, c, CampaignStatus.Action.COMPLETE, "end date reached")
                    .replaceWith(new TickResult(0, 0, 0, true));
        }
        CampaignSettings s = c.settings();
        String[] lists = s.listIds().toArray(new String[0]);
        String segment = JsonColumns.write(s.segment() == null ? java.util.Map.of() : s.segment());
        return packs.find(conn, c.tenantId(), s.rulePack(), c.rulePackVersion()).chain(pack -> {
            if (pack.isEmpty()) {
                LOG.warnf("campaign %s: rule pack %s v%s is gone; nothing released", c.id(), s.rulePack(), c.rulePackVersion());
                return Uni.createFrom().item(TickResult.NONE);
            }
            Duration failedDelay = CampaignPolicy.retryDelays(s).getOrDefault(io.waihu.events.dialer.CallDisposition.FAILED,
                    RetryPlan.DEFAULT_DELAYS.get(io.waihu.events.dialer.CallDisposition.FAILED));
            return hopper.expireStale(conn, c.id(), now)
                    .chain(() -> hopper.expireLost(conn, c.id(), now, placedTimeout, now.plus(failedDelay)))
                    .chain(() -> enrolDue(c.id()) ? hopper.enrol(conn, c.tenantId(), c.id(), lists, segment, s.priority() == null ? 0 : s.priority())
                            .invoke(() -> lastEnrol.put(c.id(), System.nanoTime())) : Uni.createFrom().item(0))
                    .chain(() -> hopper.outstanding(conn, c.id()))
                    .chain(outstanding -> {
                        int slots = s.hopperSize() - outstanding;
                        if (slots <= 0 || overBudget(c)) {
                            return Uni.createFrom().item(TickResult.NONE);
                        }
                        return release(conn, c, pack.get(), lists, segment, now, slots);
                    })
                    .chain(result -> hopper.hasWorkLeft(conn, c.id(), lists, segment).chain(left -> left
                            ? Uni.createFrom().item(result)
                            : lifecycle.transition(conn, c, CampaignStatus.Action.COMPLETE, "list exhausted")
                                    .replaceWith(new TickResult(result.released(), result.deferred(), result.closed(), true))));
        });
    }

    /** Enrolment runs on the first tick of a campaign and then every enrol-every (contacts added later wait that long). */
    private boolean enrolDue(UUID campaignId) {
        Long last = lastEnrol.get(campaignId);
        return last == null || System.nanoTime() - last >= enrolEveryNanos;
    }

    private static boolean overBudget(Campaign c) {
        CampaignSettings s = c.settings();
        return s.budget() != null && c.spent() != null && c.spent().amount().compareTo(s.budget().amount()) >= 0;
    }

    private Uni<TickResult> release(SqlConnection conn, Campaign c, RulePack pack, String[] lists, String segment, Instant now, int slots) {
        HopperRules.Limits limits = CampaignPolicy.limits(c.settings(), pack);
        int priority = c.settings().priority() == null ? 0 : c.settings().priority();
        return hopper.candidates(conn, c.tenantId(), c.id(), lists, segment, now, slots * OVERFETCH)
                .chain(candidates -> hopper.suppressions(conn, c.tenantId(), c.id(),
                                candidates.stream().flatMap(x -> x.phones().stream()).distinct().toList(), now)
                        .chain(suppression -> {
                            List<HopperRepository.Release> releases = new ArrayList<>();
                            List<UUID> deferIds = new ArrayList<>();
                            List<Instant> deferUntil = new ArrayList<>();
                            List<DialRequested> requests = new ArrayList<>();
                            List<UUID> closeIds = new ArrayList<>();
                            List<String> closeReasons = new ArrayList<>();
                            for (HopperRules.Candidate candidate : candidates) {
                                if (releases.size() >= slots) {
                                    break;
                                }
                                HopperRules.Decision decision = HopperRules.decide(candidate, limits, suppression, now);
                                if (decision instanceof HopperRules.Release r) {
                                    HopperRepository.Release released = new HopperRepository.Release(UUID.randomUUID(), c.tenantId(),
                                            c.id(), candidate.contactId(), r.number(), r.zones().stream().map(ZoneId::getId).toList(),
                                            r.attemptNumber(), priority, pack.id(), pack.version(), now, now.plus(deadline));
                                    releases.add(released);
                                    // the number's reading rides along, so billing does not read it again
                                    requests.add(DialRequested.of(released.tenantId(), now, released.campaignId().toString(),
                                            released.attemptId().toString(), released.contactId().toString(), released.number(),
                                            released.zones(), released.deadline(), released.attemptNumber(), released.priority())
                                            .withNumberReading(r.numberType(), r.rangeCarrier()));
                                } else if (decision instanceof HopperRules.Defer d) {
                                    deferIds.add(candidate.contactId());
                                    deferUntil.add(d.until());
                                } else if (decision instanceof HopperRules.Done d) {
                                    closeIds.add(candidate.contactId());
                                    closeReasons.add(d.reason());
                                }
                            }
                            return hopper.release(conn, releases)
                                    .chain(() -> hopper.defer(conn, c.id(), deferIds, deferUntil))
                                    .chain(() -> hopper.close(conn, c.id(), closeIds, closeReasons))
                                    .chain(() -> Multi.createFrom().iterable(requests)
                                            .onItem().transformToUniAndConcatenate(r -> outbox.append(conn, Topics.DIAL_REQUESTS, r))
                                            .collect().last())
                                    .replaceWith(new TickResult(releases.size(), deferIds.size(), closeIds.size(), false));
                        }));
    }
}
