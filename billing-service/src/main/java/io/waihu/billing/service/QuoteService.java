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
import io.waihu.platform.rest.PageParams;
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

    public Uni<List<CarrierQuote>> quote(String tenantId, String number, Instant startAt, long durationSeconds, UUID carrierId) {
        return carriers.page(tenantId, null, new PageParams(0, PageParams.MAX_SIZE)).chain(all -> {
            Map<String, Carrier> byId = all.stream().collect(Collectors.toMap(c -> c.id().toString(), Function.identity()));
            if (carrierId != null && !byId.containsKey(carrierId.toString())) {
                throw ProblemException.notFound("carrier", carrierId);
            }
            return tariffs.all(tenantId).map(list -> list.stream()
                    .filter(t -> carrierId == null || t.tariff().carrierId().equals(carrierId))
                    .filter(t -> byId.containsKey(t.tariff().carrierId().toString()))
                    .map(t -> {
                        RatingOutcome outcome = price(engine, number, startAt, durationSeconds, t.versions());
                        Carrier carrier = byId.get(t.tariff().carrierId().toString());
                        return outcome instanceof RatedCall rated ? new CarrierQuote(carrier, rated, null)
                                : new CarrierQuote(carrier, null, (UnratedCall) outcome);
                    }).toList());
        });
    }

    /**
     * Active carriers that can price the call, cheapest first; equal costs go to the higher weight, then the code.
     * Costs in different currencies are not comparable, so only the cheapest currency group is ranked across.
     */
    public Uni<List<CarrierQuote>> routes(String tenantId, String number, Instant at, long typicalSeconds) {
        return quote(tenantId, number, at, typicalSeconds, null).map(quotes -> quotes.stream()
                .filter(q -> q.rated() != null && q.carrier().active())
                .sorted(Comparator.comparing((CarrierQuote q) -> q.rated().currency())
                        .thenComparing(q -> q.rated().cost())
                        .thenComparing(q -> -q.carrier().weight())
                        .thenComparing(q -> q.carrier().code()))
                .toList());
    }
}
