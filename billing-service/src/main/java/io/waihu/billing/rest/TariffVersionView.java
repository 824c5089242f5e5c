package io.waihu.billing.rest;

import io.waihu.billing.domain.Tariff;
import io.waihu.billing.domain.TariffVersionInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public record TariffVersionView(int version, Instant effectiveFrom,
                                @Schema(description = "the version that prices calls now: started, and no later version has started")
                                boolean inForce,
                                @Schema(description = "when the next version (by effective instant) takes over from this one; empty while none is scheduled")
                                Instant supersededAt,
                                int destinationCount, int rowCount, List<Tariff.Band> bands, List<LocalDate> holidays,
                                Instant createdAt,
                                @Schema(description = "when its TariffPublished went out; stays empty for a version already superseded when it took effect (never routed by)")
                                Instant publishedAt) {

    /** @param all the tariff's versions, to tell which one follows this one */
    static TariffVersionView of(TariffVersionInfo v, Instant now, List<TariffVersionInfo> all) {
        Instant next = all.stream().map(TariffVersionInfo::effectiveFrom).filter(from -> from.isAfter(v.effectiveFrom()))
                .min(Instant::compareTo).orElse(null);
        boolean inForce = v.effectiveAt(now) && (next == null || next.isAfter(now));
        return new TariffVersionView(v.version(), v.effectiveFrom(), inForce, next, v.destinationCount(), v.rowCount(),
                v.bands(), v.holidays(), v.createdAt(), v.publishedAt());
    }
}
