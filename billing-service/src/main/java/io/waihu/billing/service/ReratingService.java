package io.waihu.billing.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.domain.CallDetailRecord.RatingStatus;
import io.waihu.billing.domain.ReratingRun;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.billing.repository.CarrierRepository;
import io.waihu.billing.repository.ReratingRunRepository;
import io.waihu.events.Topics;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Rerating runs: the stored calls of a window priced again with the tariffs as they are now (after a retroactive
 * correction, or a tariff given to a carrier whose calls went unrated), each change committed with its event.
 *
 * <p>A run is synchronous; the 31-day cap on its window is what bounds it. Calls are read in keyset pages, so memory
 * stays flat whatever the window holds. Each changed call commits on its own with its event, so a run that dies
 * midway leaves every call either fully rerated and announced or untouched, and running it again finishes the job:
 * a call already at its new cost is unchanged the second time.
 */
@ApplicationScoped
public class ReratingService {

    private static final Logger LOG = Logger.getLogger(ReratingService.class);

    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final int PAGE_SIZE = 500;

    private final CallDetailRecordRepository records;
    private final ReratingRunRepository runs;
    private final CarrierRepository carriers;
    private final TariffBook tariffs;
    private final Outbox outbox;
    private final Pool pool;
    private final RatingEngine engine = new RatingEngine();
    private final Clock clock = Clock.systemUTC();

    public ReratingService(CallDetailRecordRepository records, ReratingRunRepository runs, CarrierRepository carriers,
                           TariffBook tariffs, Outbox outbox, Pool pool) {
        this.records = records;
        this.runs = runs;
        this.carriers = carriers;
        this.tariffs = tariffs;
        this.outbox = outbox;
        this.pool = pool;
    }

    public record RunRequest(Instant from, Instant to, UUID carrierId, String reason) {
    }

    /** What became of one call. */
    private enum Result { CHANGED, NEWLY_RATED, UNCHANGED, WOULD_BECOME_UNRATED, CURRENCY_CHANGED }

    /** Counts of a run in progress; touched by one call at a time (pages and calls are processed in sequence). */
    private static final class Tally {
        long examined;
        long changed;
        long newlyRated;
        long unchanged;
        long wouldBecomeUnrated;
        long currencyChanged;
        final Map<String, BigDecimal> delta = new TreeMap<>();
        /** Each carrier's tariff read once per run, so one run prices every call against the same versions. */
        final Map<String, Optional<TariffBook.CarrierTariff>> tariffs = new HashMap<>();
    }

    public Uni<ReratingRun> run(String tenantId, String requestedBy, RunRequest request) {
        validate(request);
        Uni<Void> carrierExists = request.carrierId() == null ? Uni.createFrom().voidItem()
                : carriers.find(tenantId, request.carrierId()).invoke(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.badRequest("carrierId: carrier " + request.carrierId() + " does not exist");
                    }
                }).replaceWithVoid();
        String carrierId = request.carrierId() == null ? null : request.carrierId().toString();
        ReratingRun started = new ReratingRun(UUID.randomUUID(), tenantId, request.from(), request.to(), carrierId,
                request.reason().strip(), requestedBy, clock.instant(), null, 0, 0, 0, 0, 0, 0, Map.of());
        Tally tally = new Tally();
        String eventReason = "rerating run " + started.id() + ": " + started.reason();
        return carrierExists
                .chain(() -> runs.insert(started))
                .chain(() -> pages(started, null, tally, eventReason))
                .map(ignored -> finished(started, tally))
                .call(runs::finish)
                .invoke(run -> LOG.infof("rerating run %s of tenant %s over [%s, %s): examined %d, changed %d, newly rated %d, "
                                + "would become unrated %d, currency changed %d", run.id(), tenantId, run.from(), run.to(), run.examined(),
                        run.changed(), run.newlyRated(), run.wouldBecomeUnrated(), run.currencyChanged()));
    }

    public Uni<ReratingRun> get(String tenantId, UUID id) {
        return runs.find(tenantId, id).map(found -> found.orElseThrow(() -> ProblemException.notFound("rerating run", id)));
    }

    public Uni<Page<ReratingRun>> list(String tenantId, PageParams page) {
        return Page.of(runs.page(tenantId, page), runs.count(tenantId), page);
    }

    private static void validate(RunRequest r) {
        if (r.from() == null) {
            throw ProblemException.badRequest("from: is required (an ISO-8601 instant)");
        }
        if (r.to() == null) {
            throw ProblemException.badRequest("to: is required (an ISO-8601 instant)");
        }
        if (!r.to().isAfter(r.from())) {
            throw ProblemException.badRequest("to: must be after from");
        }
        if (Duration.between(r.from(), r.to()).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badRequest("to: the window may span at most 31 days (a run is synchronous; split a longer "
                    + "period into several runs)");
        }
        if (r.reason() == null || r.reason().isBlank()) {
            throw ProblemException.badRequest("reason: is required (it goes into every CallRerated event)");
        }
    }

    /** One page, then the next after its last call, until a short page. */
    private Uni<Void> pages(ReratingRun run, CallDetailRecord after, Tally tally, String reason) {
        return records.endedBetween(run.tenantId(), run.carrierId(), run.from(), run.to(), after, PAGE_SIZE)
                .chain(page -> Multi.createFrom().iterable(page)
                        .onItem().transformToUniAndConcatenate(call -> rerate(call, tally, reason))
                        .collect().last()
                        .chain(ignored -> page.size() < PAGE_SIZE ? Uni.createFrom().voidItem()
                                : pages(run, page.get(page.size() - 1), tally, reason)));
    }

    private Uni<Void> rerate(CallDetailRecord call, Tally tally, String reason) {
        return tariffOf(call, tally).chain(tariff -> {
            RatingOutcome outcome = CallDetailRecordService.rate(engine, call.carrierId(), call.number(), call.setupAt(),
                    call.answeredAt(), call.billableSeconds(), tariff);
            tally.examined++;
            boolean ratedBefore = call.ratingStatus() == RatingStatus.RATED;
            if (!(outcome instanceof RatedCall rated)) {
                // a rating is never withdrawn by a run: the call keeps its cost and the run reports it
                count(tally, ratedBefore ? Result.WOULD_BECOME_UNRATED : Result.UNCHANGED, null);
                return Uni.createFrom().voidItem();
            }
            if (!ratedBefore) {
                CallDetailRecord after = call.withRating(rated, clock.instant());
                return pool.withTransaction(conn -> records.updateRating(conn, call, after)
                                .call(updated -> updated ? outbox.append(conn, Topics.CHARGE_EVENTS, ChargeEvents.charged(after, rated))
                                        : Uni.createFrom().voidItem()))
                        .invoke(updated -> count(tally, updated ? Result.NEWLY_RATED : Result.UNCHANGED, null))
                        .replaceWithVoid();
            }
            if (!rated.currency().equals(call.currency())) {
                count(tally, Result.CURRENCY_CHANGED, null);
                return Uni.createFrom().voidItem();
            }
            if (rated.cost().compareTo(call.cost()) == 0) {
                count(tally, Result.UNCHANGED, null);
                return Uni.createFrom().voidItem();
            }
            CallDetailRecord after = call.withRating(rated, clock.instant());
            var event = ChargeEvents.rerated(call, rated, reason);
            return pool.withTransaction(conn -> records.updateRating(conn, call, after)
                            .call(updated -> updated ? outbox.append(conn, Topics.CHARGE_EVENTS, event) : Uni.createFrom().voidItem()))
                    .invoke(updated -> count(tally, updated ? Result.CHANGED : Result.UNCHANGED, updated ? event.delta() : null))
                    .replaceWithVoid();
        });
    }

    private Uni<Optional<TariffBook.CarrierTariff>> tariffOf(CallDetailRecord call, Tally tally) {
        Optional<TariffBook.CarrierTariff> known = tally.tariffs.get(call.carrierId());
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        try {
            // read the version list afresh: a correction uploaded on another replica a moment ago must count
            tariffs.forget(call.tenantId(), UUID.fromString(call.carrierId()));
        } catch (IllegalArgumentException notAUuid) {
            // such a carrier has no tariff; forCarrier says so
        }
        return tariffs.forCarrier(call.tenantId(), call.carrierId()).invoke(t -> tally.tariffs.put(call.carrierId(), t));
    }

    private static void count(Tally tally, Result result, io.waihu.events.Money delta) {
        switch (result) {
            case CHANGED -> {
                tally.changed++;
                tally.delta.merge(delta.currency(), delta.amount(), BigDecimal::add);
            }
            case NEWLY_RATED -> tally.newlyRated++;
            case UNCHANGED -> tally.unchanged++;
            case WOULD_BECOME_UNRATED -> tally.wouldBecomeUnrated++;
            case CURRENCY_CHANGED -> tally.currencyChanged++;
        }
    }


    private ReratingRun finished(ReratingRun s, Tally t) {
        return new ReratingRun(s.id(), s.tenantId(), s.from(), s.to(), s.carrierId(), s.reason(), s.requestedBy(), s.startedAt(),
                clock.instant(), t.examined, t.changed, t.newlyRated, t.unchanged, t.wouldBecomeUnrated, t.currencyChanged,
                new TreeMap<>(t.delta));
    }
}
