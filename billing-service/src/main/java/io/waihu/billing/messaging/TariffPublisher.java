package io.waihu.billing.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.domain.Carrier;
import io.waihu.billing.domain.rating.Destination;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.domain.rating.TypicalCall;
import io.waihu.billing.repository.CarrierRepository;
import io.waihu.billing.service.TariffBook;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.billing.RouteEntry;
import io.waihu.events.billing.TariffPublished;
import io.waihu.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Announces each tariff version on billing.tariff-events.v1 once it takes effect, with the routing view the dialer
 * routes by (prefix, class, price of a typical call). The event and the version's published mark commit together
 * through the outbox, so each version is announced once, whichever replica sees it first. A version that a later one
 * has already superseded when its instant comes (an admin's correction of the past) is not announced: it is never
 * the one to route by, and its publishedAt stays empty. A change of the carrier's name, weight or active flag announces
 * the version in force again (CarrierService clears its published mark); an inactive carrier's view has no routes.
 */
@ApplicationScoped
public class TariffPublisher {

    private static final Logger LOG = Logger.getLogger(TariffPublisher.class);

    private final Pool pool;
    private final Vertx vertx;
    private final Outbox outbox;
    private final TariffBook tariffs;
    private final CarrierRepository carriers;
    private final long everyMillis;
    private final int typicalCallSeconds;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Versions that could not be announced, by "tariffId/version": tried again after a growing pause. */
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private long timer = -1;

    /** After {@code failures} failures in a row, not before {@code next}. */
    record Retry(int failures, Instant next) {
    }

    static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);
    private static final int BATCH = 50;

    public TariffPublisher(Pool pool, Vertx vertx, Outbox outbox, TariffBook tariffs, CarrierRepository carriers,
                           @ConfigProperty(name = "waihu.billing.tariff-publish-every-millis", defaultValue = "1000") long everyMillis,
                           @ConfigProperty(name = "waihu.billing.typical-call-seconds", defaultValue = "60") int typicalCallSeconds) {
        this.pool = pool;
        this.vertx = vertx;
        this.outbox = outbox;
        this.tariffs = tariffs;
        this.carriers = carriers;
        this.everyMillis = everyMillis;
        this.typicalCallSeconds = typicalCallSeconds;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(everyMillis, id -> {
            if (running.compareAndSet(false, true)) {
                publishDue().onTermination().invoke(() -> running.set(false))
                        .subscribe().with(n -> { }, e -> LOG.warnf("publishing tariff versions: %s", e.getMessage()));
            }
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** What is due: unannounced, started, and not superseded by a later started version. */
    private static final String DUE = "FROM tariff_version v JOIN tariff t ON t.id = v.tariff_id WHERE v.published_at IS NULL "
            + "AND v.effective_from <= now() "
            // a version another one has already superseded is never announced: it will never price a call from now
            // on, and the dialer would only store a view whose validUntil has passed
            + "AND NOT EXISTS (SELECT 1 FROM tariff_version w WHERE w.tariff_id = v.tariff_id "
            + "AND w.effective_from > v.effective_from AND w.effective_from <= now()) ";

    /**
     * Announces the versions whose effective instant has come, each in its own transaction: one that cannot be
     * announced (its deck no longer compiles, say) is logged and tried again next time, and does not hold back the
     * versions of other tariffs.
     *
     * @return how many were announced
     */
    public Uni<Integer> publishDue() {
        // the versions waiting for a retry are read too, so that however many there are, BATCH others get their turn
        int limit = BATCH + Math.min(retries.size(), 1_000);
        return pool.preparedQuery("SELECT v.tariff_id, v.version, v.tenant_id, t.carrier_id " + DUE + "ORDER BY v.effective_from LIMIT $1")
                .execute(Tuple.of(limit))
                .chain(due -> {
                    Instant now = Instant.now();
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Row candidate : due) {
                        UUID tariffId = candidate.getUUID("tariff_id");
                        int version = candidate.getInteger("version");
                        String tenantId = candidate.getString("tenant_id");
                        UUID carrierId = candidate.getUUID("carrier_id");
                        String key = tariffId + "/" + version;
                        Retry retry = retries.get(key);
                        if (retry != null && retry.next().isAfter(now)) {
                            continue;
                        }
                        chain = chain.chain(n -> publishOne(tenantId, carrierId, tariffId, version)
                                .invoke(() -> retries.remove(key))
                                .onFailure().recoverWithItem(e -> {
                                    Retry next = failedAgain(retry, now);
                                    retries.put(key, next);
                                    LOG.warnf("tariff %s v%d not announced (failure %d in a row, next try at %s): %s", tariffId, version,
                                            next.failures(), next.next(), e.getMessage());
                                    return false;
                                })
                                .map(published -> published ? n + 1 : n));
                    }
                    return chain;
                });
    }

    /** Doubles the pause after each failure in a row: 1 s, 2 s, 4 s ... up to {@link #LONGEST_PAUSE}. */
    static Retry failedAgain(Retry last, Instant now) {
        int failures = last == null ? 1 : last.failures() + 1;
        Duration pause = Duration.ofSeconds(1L << Math.min(failures - 1, 20));
        return new Retry(failures, now.plus(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause));
    }

    /**
     * The carrier is read first, under a share lock, then the version is taken: the same order as a carrier change
     * (its UPDATE, then the re-announce of the version in force), so the two wait on each other instead of deadlocking.
     * Without the share lock a change committing meanwhile would find this version not yet marked published, re-announce
     * nothing, and leave the old name, weight or active flag at the dialer.
     *
     * @return false when another replica took it, or it is no longer due
     */
    private Uni<Boolean> publishOne(String tenantId, UUID carrierId, UUID tariffId, int version) {
        Instant asked = Instant.now();
        return pool.withTransaction(conn -> carriers.findForShare(conn, tenantId, carrierId).chain(carrier -> conn.preparedQuery(
                        "SELECT v.tenant_id, v.tariff_id, v.version, t.carrier_id, v.effective_from "
                        + DUE + "AND v.tariff_id = $1 AND v.version = $2 FOR UPDATE OF v SKIP LOCKED")
                .execute(Tuple.of(tariffId, version))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : publish(conn, rows.iterator().next(), carrier, asked).replaceWith(true))));
    }

    /**
     * @param asked when this announcement was asked for: the version list is read after it, so a version stored or
     *              withdrawn before, on any replica, sets the view's validUntil (a cached list could still hold a
     *              withdrawn version, and the dialer would drop the view at its instant)
     */
    private Uni<Void> publish(SqlConnection conn, Row row, Optional<Carrier> carrier, Instant asked) {
        String tenantId = row.getString("tenant_id");
        int number = row.getInteger("version");
        String carrierId = row.getUUID("carrier_id").toString();
        return tariffs.forCarrier(tenantId, carrierId, asked)
                .chain(book -> {
                    Optional<TariffVersion> version = book.flatMap(t -> t.versions().stream().filter(v -> v.version() == number).findFirst());
                    if (version.isEmpty() || carrier.isEmpty()) {
                        return Uni.createFrom().failure(new IllegalStateException("tariff version " + row.getUUID("tariff_id") + " v" + number
                                + " is not loaded yet"));
                    }
                    // pricing a typical call for every prefix of a large deck is CPU work: off the event loop
                    return Uni.createFrom().item(() -> event(tenantId, carrier.get(), version.get(),
                                    nextFrom(book.get().versions(), version.get())))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .chain(event -> outbox.append(conn, Topics.TARIFF_EVENTS, event).replaceWith(event))
                            .call(event -> conn.preparedQuery("UPDATE tariff_version SET published_at = now() WHERE tariff_id = $1 AND version = $2")
                                    .execute(Tuple.of(row.getUUID("tariff_id"), number)))
                            .invoke(event -> LOG.infof("published tariff %s v%d of carrier %s (%d routes)", row.getUUID("tariff_id"), number,
                                    carrierId, event.routes().size()))
                            .replaceWithVoid();
                });
    }

    private TariffPublished event(String tenantId, Carrier carrier, TariffVersion version, Instant validUntil) {
        String currency = version.currency().getCurrencyCode();
        // an inactive carrier is announced reaching nothing, so the dialer routes nothing to it until it is active again
        List<RouteEntry> routes = !carrier.active() ? List.of() : version.destinations().stream()
                .map((Destination d) -> new RouteEntry(d.prefix(), d.destinationClass(),
                        new Money(TypicalCall.cost(version, d, typicalCallSeconds), currency)))
                .toList();
        return TariffPublished.of(tenantId, null, carrier.id().toString(), carrier.name(), version.tariffId(), version.version(),
                currency, version.effectiveFrom(), validUntil, typicalCallSeconds, routes, carrier.weight());
    }

    private static Instant nextFrom(List<TariffVersion> versions, TariffVersion current) {
        return versions.stream().map(TariffVersion::effectiveFrom).filter(from -> from.isAfter(current.effectiveFrom()))
                .min(Instant::compareTo).orElse(null);
    }
}
