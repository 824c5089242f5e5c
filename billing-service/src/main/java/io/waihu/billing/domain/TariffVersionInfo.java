package io.waihu.billing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What is known of a tariff version without its deck. */
public record TariffVersionInfo(UUID tariffId, int version, Instant effectiveFrom, int destinationCount, int rowCount,
                                List<Tariff.Band> bands, List<LocalDate> holidays, Instant createdAt, Instant publishedAt) {

    public boolean effectiveAt(Instant now) {
        return !effectiveFrom.isAfter(now);
    }
}
