package io.waihu.billing.service;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.billing.domain.Tariff;
import io.waihu.billing.domain.TariffVersionInfo;
import io.waihu.billing.domain.rating.BandCalendar;
import io.waihu.billing.domain.rating.DeckCompiler;
import io.waihu.billing.domain.rating.DeckCsv;
import io.waihu.billing.domain.rating.DeckError;
import io.waihu.billing.domain.rating.DeckRow;
import io.waihu.billing.repository.CarrierRepository;
import io.waihu.billing.repository.TariffRepository;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Tariffs and their versions: create, read, change the draft calendar, upload decks. */
@ApplicationScoped
public class TariffService {

    /** Clock skew tolerated for "effective now" uploads; older effective dates would change rated calls. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private final TariffRepository tariffs;
    private final CarrierRepository carriers;
    private final TariffBook book;
    private final Pool pool;
    private final Clock clock = Clock.systemUTC();

    public TariffService(TariffRepository tariffs, CarrierRepository carriers, TariffBook book, Pool pool) {
        this.tariffs = tariffs;
        this.carriers = carriers;
        this.book = book;
        this.pool = pool;
    }

    public record TariffDraft(UUID carrierId, String name, String currency, String zone, String defaultRegion,
                              List<Tariff.Band> bands, List<LocalDate> holidays) {
    }

    public Uni<Tariff> create(String tenantId, TariffDraft draft) {
        validate(draft);
        return carriers.find(tenantId, draft.carrierId()).chain(carrier -> {
            if (carrier.isEmpty()) {
                throw ProblemException.badRequest("carrierId: carrier " + draft.carrierId() + " does not exist");
            }
            Instant now = clock.instant();
            Tariff tariff = new Tariff(UUID.randomUUID(), tenantId, draft.carrierId(), draft.name(), draft.currency(), draft.zone(),
                    draft.defaultRegion(), draft.bands(), draft.holidays(), now, now);
            return tariffs.insert(tariff).map(inserted -> {
                if (!inserted) {
                    throw ProblemException.conflict("carrier " + draft.carrierId() + " already has a tariff; upload a new version of it");
                }
                return tariff;
            });
        });
    }

    public Uni<Tariff> get(String tenantId, UUID id) {
        return tariffs.find(tenantId, id).map(found -> found.orElseThrow(() -> ProblemException.notFound("tariff", id)));
    }

    public Uni<Page<Tariff>> list(String tenantId, UUID carrierId, PageParams page) {
        return Page.of(tariffs.page(tenantId, carrierId, page), tariffs.count(tenantId, carrierId), page);
    }

    /** Name and the draft calendar only: currency, zone and region are fixed, and versions keep their own calendar. */
    public Uni<Tariff> update(String tenantId, UUID id, String name, List<Tariff.Band> bands, List<LocalDate> holidays) {
        return get(tenantId, id).chain(current -> {
            calendarProblems(bands, holidays, current.zone());
            Tariff changed = new Tariff(id, tenantId, current.carrierId(), name, current.currency(), current.zone(),
                    current.defaultRegion(), bands, holidays, current.createdAt(), clock.instant());
            return tariffs.update(changed).replaceWith(changed);
        });
    }

    public Uni<Void> delete(String tenantId, UUID id) {
        Instant now = clock.instant();
        return get(tenantId, id).chain(tariff -> tariffs.versions(tenantId, id).chain(versions -> {
            if (versions.stream().anyMatch(v -> v.effectiveAt(now))) {
                throw ProblemException.conflict("tariff " + id + " has versions in force that priced calls; it cannot be deleted");
            }
            return tariffs.delete(tenantId, id).invoke(() -> book.forget(tenantId, tariff.carrierId())).replaceWithVoid();
        }));
    }

    public Uni<List<TariffVersionInfo>> versions(String tenantId, UUID id) {
        return get(tenantId, id).chain(t -> tariffs.versions(tenantId, id));
    }

    public Uni<String> deck(String tenantId, UUID id, int version) {
        return tariffs.deck(tenantId, id, version)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("version", version + " of tariff " + id)));
    }

    /**
     * Withdraws a version not yet in force. The version in force is announced again in the same transaction: its
     * announced view may end at the withdrawn version's instant (validUntil), and the dialer would then drop it there.
     */
    public Uni<Void> deletePendingVersion(String tenantId, UUID id, int version) {
        Instant now = clock.instant();
        return get(tenantId, id).chain(tariff -> pool.withTransaction(conn -> tariffs.deletePendingVersion(conn, tenantId, id, version, now)
                        .call(deleted -> deleted ? tariffs.reannounceInForce(conn, tenantId, tariff.carrierId(), now)
                                : Uni.createFrom().voidItem()))
                .map(deleted -> {
                    if (!deleted) {
                        throw ProblemException.conflict("version " + version + " of tariff " + id
                                + " does not exist or is already in force; versions in force are immutable");
                    }
                    book.forget(tenantId, tariff.carrierId());
                    return null;
                }));
    }

    /**
     * Compiles the deck against the tariff's current calendar and stores it as the next version, or stores nothing
     * and reports every fault.
     */
    public Uni<TariffVersionInfo> uploadVersion(String tenantId, UUID id, Instant effectiveFrom, List<DeckRow> rows) {
        return uploadVersion(tenantId, id, effectiveFrom, rows, false);
    }

    /**
     * @param retroactive a correction: effectiveFrom may lie in the past (the caller checked the uploader is an admin).
     *                    It takes precedence from its instant on like any version, but calls already rated keep their
     *                    cost until a rerating run prices them again.
     */
    public Uni<TariffVersionInfo> uploadVersion(String tenantId, UUID id, Instant effectiveFrom, List<DeckRow> rows, boolean retroactive) {
        return uploadVersion(tenantId, id, effectiveFrom, rows, retroactive, null);
    }

    /** Parses a CSV deck off the event loop (a 100,000-destination deck is 400,000 rows), then uploads it as is. */
    public Uni<TariffVersionInfo> uploadCsvVersion(String tenantId, UUID id, Instant effectiveFrom, boolean retroactive, String csv) {
        return Uni.createFrom().item(() -> {
                    List<DeckRow> rows = new ArrayList<>();
                    List<DeckError> errors = new ArrayList<>();
                    try {
                        DeckCsv.read(new StringReader(csv == null ? "" : csv), rows::add, errors);
                    } catch (IOException e) {
                        errors.add(new DeckError(0, "", "unreadable CSV"));
                    }
                    if (!errors.isEmpty()) {
                        throw new DeckRejectedException(errors);
                    }
                    return rows;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(rows -> uploadVersion(tenantId, id, effectiveFrom, rows, retroactive, csv));
    }

    /** @param uploadedCsv the CSV as uploaded, stored as is (a JSON deck is stored in its canonical CSV form) */
    public Uni<TariffVersionInfo> uploadVersion(String tenantId, UUID id, Instant effectiveFrom, List<DeckRow> rows, boolean retroactive,
                                                String uploadedCsv) {
        Instant now = clock.instant();
        Instant from = effectiveFrom == null ? now : effectiveFrom;
        if (!retroactive && from.isBefore(now.minus(PAST_TOLERANCE))) {
            throw ProblemException.badRequest("effectiveFrom: " + from + " is in the past; a new version may only take effect "
                    + "from now on (an admin may upload a correction with ?retroactive=true, then start a rerating run)");
        }
        return get(tenantId, id).chain(tariff -> {
            Set<String> bandNames = tariff.bands().stream().map(Tariff.Band::name).collect(Collectors.toSet());
            return Uni.createFrom().item(() -> DeckCompiler.compile(rows, bandNames))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(result -> {
                        if (!result.ok()) {
                            throw new DeckRejectedException(result.errors());
                        }
                        // the compiled deck is dropped here: a large one is held once more in memory, as the cache loads it
                        String csv = uploadedCsv != null ? uploadedCsv : canonicalCsv(rows);
                        return pool.withTransaction(conn -> tariffs.lockAndNextVersion(conn, tenantId, id)
                                .chain(version -> tariffs.insertVersion(conn, tenantId, id, version, from, tariff.bands(),
                                        tariff.holidays(), csv, result.destinations().size(), rows.size()).replaceWith(version)))
                                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("tariff_version_tariff_id_effective_from_key"))
                                .transform(e -> ProblemException.conflict("tariff " + id + " already has a version effective from " + from))
                                .chain(version -> tariffs.versions(tenantId, id)
                                        .map(versions -> versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow()))
                                .invoke(() -> book.forget(tenantId, tariff.carrierId()));
                    });
        });
    }

    static String canonicalCsv(List<DeckRow> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 64);
        out.append(DeckCsv.header()).append('\n');
        for (DeckRow row : rows) {
            out.append(DeckCsv.line(row)).append('\n');
        }
        return out.toString();
    }

    private static void validate(TariffDraft draft) {
        List<String> problems = new ArrayList<>();
        try {
            Currency.getInstance(draft.currency());
        } catch (IllegalArgumentException e) {
            problems.add("currency: '" + draft.currency() + "' is not an ISO-4217 code");
        }
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(draft.defaultRegion())) {
            problems.add("defaultRegion: '" + draft.defaultRegion() + "' is not a region libphonenumber knows (ISO 3166, e.g. CN)");
        }
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", problems));
        }
        calendarProblems(draft.bands(), draft.holidays(), draft.zone());
    }

    private static void calendarProblems(List<Tariff.Band> bands, List<LocalDate> holidays, String zone) {
        List<String> problems = new ArrayList<>();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add("zone: '" + zone + "' is not an IANA time zone");
        }
        for (int i = 0; i < bands.size(); i++) {
            try {
                bands.get(i).toTimeBand();
            } catch (RuntimeException e) {
                problems.add("bands[" + i + "]: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            BandCalendar.problems(bands.stream().map(Tariff.Band::toTimeBand).toList(), Set.copyOf(holidays))
                    .forEach(p -> problems.add("bands: " + p));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", problems));
        }
    }
}
