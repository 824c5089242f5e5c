package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.Carrier;
import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.billing.repository.CarrierRepository;
import io.waihu.events.billing.UnratedReason;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prices hypothetical calls with the same engine and tariffs as real ones, so a quote and the stored rating of the
 * same call agree to the cent; and ranks carriers by that price (least-cost routing).
 */
@ApplicationScoped
public class QuoteService {

    private final TariffBook tariffs;
    private final CarrierRepository carriers;
    private final RatingEngine engine = new RatingEngine();

    public QuoteService(TariffBook tariffs, CarrierRepository carriers) {
        this.tariffs = tariffs;
        this.carriers = carriers;
    }

    /** One carrier's answer to a quote: a cost with its breakdown, or why it cannot price the call. */
    public record CarrierQuote(Carrier carrier, RatedCall rated, UnratedCall unrated) {
    }

    /**
     * The one way a quote is priced: a call answered at {@code startAt} lasting {@code durationSeconds} (0: not
     * answered). QuoteAgreesWithStoredRatingPropertiesTest holds it against the pipeline's pricing of the same call.
     */
    static RatingOutcome price(RatingEngine engine, String number, Instant startAt, long durationSeconds, List<TariffVersion> versions) {
        if (versions.isEmpty()) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "the tariff has no version yet");
        }
        return engine.rate(new CallUsage(number, startAt, durationSeconds > 0 ? startAt : null, durationSeconds), versions);
    }

    /**
     * One entry per carrier (or for the one asked for), by carrier name: a carrier without a tariff, or whose tariff
     * has no version yet, is there with NO_TARIFF rather than left out.
     */
    public Uni<List<CarrierQuote>> quote(String tenantId, String number, Instant startAt, long durationSeconds, UUID carrierId) {
        Uni<List<Carrier>> asked = carrierId == null ? carriers.all(tenantId)
                : carriers.find(tenantId, carrierId).map(found -> List.of(found.orElseThrow(() -> ProblemException.notFound("carrier", carrierId))));
        return asked.chain(list -> tariffs.all(tenantId).map(priced -> {
            Map<UUID, TariffBook.CarrierTariff> byCarrier = priced.stream()
                    .collect(Collectors.toMap(t -> t.tariff().carrierId(), Function.identity()));
            return list.stream().map(carrier -> {
                TariffBook.CarrierTariff tariff = byCarrier.get(carrier.id());
                RatingOutcome outcome = tariff == null
                        ? new UnratedCall(UnratedReason.NO_TARIFF, "carrier " + carrier.code() + " has no tariff")
                        : price(engine, number, startAt, durationSeconds, tariff.versions());
                return outcome instanceof RatedCall rated ? new CarrierQuote(carrier, rated, null)
                        : new CarrierQuote(carrier, null, (UnratedCall) outcome);
            }).toList();
        }));
    }

    /**
     * Active carriers that can price the call, cheapest first; equal costs go to the higher weight, then the code.
     * Costs in different currencies are not comparable: carriers are grouped by currency (by its code), each group
     * ranked on its own. 400 when no tariff can read the number.
     */
    public Uni<List<CarrierQuote>> routes(String tenantId, String number, Instant at, long typicalSeconds) {
        return quote(tenantId, number, at, typicalSeconds, null).map(quotes -> {
            // a number no tariff can read is the caller's mistake, not "no carrier reaches it"
            List<UnratedCall> unreadable = quotes.stream().map(CarrierQuote::unrated)
                    .filter(u -> u != null && u.reason() == UnratedReason.INVALID_NUMBER).toList();
            boolean readBySome = quotes.stream().anyMatch(q -> q.rated() != null || q.unrated().reason() != UnratedReason.INVALID_NUMBER
                    && q.unrated().reason() != UnratedReason.NO_TARIFF);
            if (!unreadable.isEmpty() && !readBySome) {
                throw ProblemException.badRequest("number: " + unreadable.get(0).detail());
            }
            return quotes;
        }).map(quotes -> quotes.stream()
                .filter(q -> q.rated() != null && q.carrier().active())
                .sorted(Comparator.comparing((CarrierQuote q) -> q.rated().currency())
                        .thenComparing(q -> q.rated().cost())
                        .thenComparing(q -> -q.carrier().weight())
                        .thenComparing(q -> q.carrier().code()))
                .toList());
    }
}
