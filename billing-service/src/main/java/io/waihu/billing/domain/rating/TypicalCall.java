package io.waihu.billing.domain.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The price of a typical call to a destination, for routing views: a call of the given length rated wholly in each
 * of the destination's bands, and the highest of those (conservative: a carrier cheap only at night does not look
 * cheap all day). Time-exact ranking is what billing's /routes answers.
 */
public final class TypicalCall {

    private static final RatingEngine ENGINE = new RatingEngine();
    private static final Instant ANY = Instant.EPOCH.plusSeconds(86_400);
    /** One band all day, every day: the zone is irrelevant to it. */
    private static final BandCalendar ALL_DAY = new BandCalendar(List.of(new TimeBand("band",
            EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY), 0, TimeBand.DAY)), Set.of(), java.time.ZoneOffset.UTC);

    private TypicalCall() {
    }

    public static BigDecimal cost(TariffVersion version, Destination destination, int seconds) {
        BigDecimal highest = null;
        for (DestinationRate rate : destination.ratesByBand().values()) {
            TariffVersion single = TariffVersion.of(version.tariffId(), version.carrierId(), version.version(), version.currency(),
                    version.defaultRegion(), Instant.EPOCH, ALL_DAY,
                    List.of(new Destination(destination.prefix(), destination.name(), destination.destinationClass(), Map.of("band", rate))));
            RatingOutcome outcome = ENGINE.rate(new NumberNormalizer.Normalized("+" + destination.prefix(), "UNKNOWN", null),
                    new CallUsage("+" + destination.prefix(), ANY, ANY, seconds), List.of(single));
            if (outcome instanceof RatedCall rated && (highest == null || rated.cost().compareTo(highest) > 0)) {
                highest = rated.cost();
            }
        }
        return highest == null ? BigDecimal.ZERO : highest;
    }
}
