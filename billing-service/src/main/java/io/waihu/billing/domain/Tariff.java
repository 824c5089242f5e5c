package io.waihu.billing.domain;

import io.waihu.billing.domain.rating.BandCalendar;
import io.waihu.billing.domain.rating.DayKind;
import io.waihu.billing.domain.rating.TimeBand;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A carrier's tariff: its currency, the zone its bands are read in, the region its numbers are read in, and the band
 * calendar that the next uploaded version copies.
 */
public record Tariff(UUID id, String tenantId, UUID carrierId, String name, String currency, String zone,
                     String defaultRegion, List<Band> bands, List<LocalDate> holidays, Instant createdAt, Instant updatedAt) {

    /** A band as a client writes it: days, and "HH:mm" times with "24:00" for the end of the day. */
    public record Band(String name, Set<DayKind> days, String from, String to) {

        public TimeBand toTimeBand() {
            return new TimeBand(name, days, TimeBand.secondOfDay(from), TimeBand.secondOfDay(to));
        }
    }

    public static BandCalendar calendar(List<Band> bands, List<LocalDate> holidays, String zone) {
        return new BandCalendar(bands.stream().map(Band::toTimeBand).toList(), Set.copyOf(holidays), ZoneId.of(zone));
    }
}
