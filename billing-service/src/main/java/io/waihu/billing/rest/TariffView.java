package io.waihu.billing.rest;

import io.waihu.billing.domain.Tariff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public record TariffView(UUID id, UUID carrierId, String name, String currency, String zone, String defaultRegion,
                         List<Tariff.Band> bands, List<LocalDate> holidays, Instant createdAt, Instant updatedAt) {

    static TariffView of(Tariff t) {
        return new TariffView(t.id(), t.carrierId(), t.name(), t.currency(), t.zone(), t.defaultRegion(), t.bands(),
                t.holidays(), t.createdAt(), t.updatedAt());
    }
}
