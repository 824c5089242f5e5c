package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.billing.domain.Tariff;
import io.waihu.billing.domain.TariffVersionInfo;
import io.waihu.billing.domain.rating.DeckCompiler;
import io.waihu.billing.domain.rating.DeckCsv;
import io.waihu.billing.domain.rating.DeckError;
import io.waihu.billing.domain.rating.DeckRow;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.repository.TariffRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiled tariffs in memory, per carrier. Versions are immutable, so a compiled version is kept for good; the list
 * of versions is re-read after {@code waihu.billing.tariff-refresh} (another replica may have added one), and at
 * once after an upload here.
 */
@ApplicationScoped
public class TariffBook {

    /** A carrier's tariff with every version compiled, oldest first. */
    public record CarrierTariff(Tariff tariff, List<TariffVersion> versions, List<TariffVersionInfo> infos) {
    }

    private record Entry(CarrierTariff tariff, Instant checkedAt) {
    }

    private final TariffRepository tariffs;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> byCarrier = new ConcurrentHashMap<>();
    private final Map<String, TariffVersion> compiled = new ConcurrentHashMap<>();

    public TariffBook(TariffRepository tariffs,
                      @ConfigProperty(name = "waihu.billing.tariff-refresh", defaultValue = "PT5S") Duration refresh) {
        this.tariffs = tariffs;
        this.refresh = refresh;
    }

    /** The carrier's tariff as read within the last {@code waihu.billing.tariff-refresh}. */
    public Uni<Optional<CarrierTariff>> forCarrier(String tenantId, String carrierId) {
        return forCarrier(tenantId, carrierId, null);
    }

    /**
     * As {@link #forCarrier(String, String)}, read after {@code readAfter} as well (when not null): a call is priced
     * with every version stored before it ended, also one stored or withdrawn on another replica a moment before.
     * With the refresh alone, a version uploaded elsewhere to take effect "now" was missed for up to 5 s.
     */
    public Uni<Optional<CarrierTariff>> forCarrier(String tenantId, String carrierId, Instant readAfter) {
        UUID carrier;
        try {
            carrier = UUID.fromString(carrierId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        String key = tenantId + "/" + carrier;
        Entry entry = byCarrier.get(key);
        Instant now = clock.instant();
        if (entry != null && entry.checkedAt().plus(refresh).isAfter(now)
                && (readAfter == null || entry.checkedAt().isAfter(readAfter))) {
            return Uni.createFrom().item(Optional.of(entry.tariff()));
        }
        // the instant before the read: the entry never claims to know what was stored while it was being read
        return tariffs.findByCarrier(tenantId, carrier).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<CarrierTariff>empty())
                : load(found.get()).invoke(t -> byCarrier.merge(key, new Entry(t, now), TariffBook::newer)).map(Optional::of));
    }

    /** Of two reads that ran at the same time, the one that started later is kept. */
    private static Entry newer(Entry a, Entry b) {
        return a.checkedAt().isAfter(b.checkedAt()) ? a : b;
    }

    /** Every carrier of the tenant that has a tariff. */
    public Uni<List<CarrierTariff>> all(String tenantId) {
        return tariffs.all(tenantId).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(List.<CarrierTariff>of());
            }
            List<Uni<Optional<CarrierTariff>>> loads = list.stream()
                    .map(t -> forCarrier(tenantId, t.carrierId().toString())).toList();
            return Uni.join().all(loads).andFailFast()
                    .map(results -> results.stream().flatMap(Optional::stream).toList());
        });
    }

    public void forget(String tenantId, UUID carrierId) {
        byCarrier.remove(tenantId + "/" + carrierId);
    }

    private Uni<CarrierTariff> load(Tariff tariff) {
        return tariffs.versions(tariff.tenantId(), tariff.id()).chain(infos -> {
            List<Uni<TariffVersion>> versions = new ArrayList<>();
            for (TariffVersionInfo info : infos) {
                String key = tariff.id() + "#" + info.version();
                TariffVersion known = compiled.get(key);
                versions.add(known != null ? Uni.createFrom().item(known)
                        : tariffs.deck(tariff.tenantId(), tariff.id(), info.version())
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(deck -> compile(tariff, info, deck.orElseThrow()))
                        .invoke(v -> compiled.put(key, v)));
            }
            if (versions.isEmpty()) {
                return Uni.createFrom().item(new CarrierTariff(tariff, List.of(), infos));
            }
            return Uni.join().all(versions).andFailFast().map(list -> new CarrierTariff(tariff, list, infos));
        });
    }

    /** Stored decks were validated on upload; a failure here means the stored data was changed by hand. */
    static TariffVersion compile(Tariff tariff, TariffVersionInfo info, String deckCsv) {
        List<DeckRow> rows = new ArrayList<>();
        List<DeckError> errors = new ArrayList<>();
        try {
            DeckCsv.read(new StringReader(deckCsv), rows::add, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> bandNames = info.bands().stream().map(Tariff.Band::name).collect(Collectors.toSet());
        DeckCompiler.Result result = errors.isEmpty() ? DeckCompiler.compileStored(rows, bandNames) : new DeckCompiler.Result(List.of(), errors);
        if (!result.ok()) {
            throw new IllegalStateException("stored deck of tariff " + tariff.id() + " v" + info.version() + " no longer compiles: "
                    + result.errors().get(0));
        }
        return TariffVersion.of(tariff.id().toString(), tariff.carrierId().toString(), info.version(),
                Currency.getInstance(tariff.currency()), tariff.defaultRegion(), info.effectiveFrom(),
                Tariff.calendar(info.bands(), info.holidays(), tariff.zone()), result.destinations());
    }

}
