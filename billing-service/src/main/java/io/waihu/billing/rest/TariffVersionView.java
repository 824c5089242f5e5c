package io.waihu.billing.rest;

import io.waihu.billing.domain.Tariff;
import io.waihu.billing.domain.TariffVersionInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public record TariffVersionView(int version, Instant effectiveFrom, boolean inForce, int destinationCount, int rowCount,
                                List<Tariff.Band> bands, List<LocalDate> holidays, Instant createdAt, Instant publishedAt) {

    static TariffVersionView of(TariffVersionInfo v, Instant now) {
        return new TariffVersionView(v.version(), v.effectiveFrom(), v.effectiveAt(now), v.destinationCount(), v.rowCount(),
                v.bands(), v.holidays(), v.createdAt(), v.publishedAt());
    }
}
