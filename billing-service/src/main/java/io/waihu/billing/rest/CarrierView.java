package io.waihu.billing.rest;

import io.waihu.billing.domain.Carrier;
import io.waihu.billing.domain.CarrierKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Carrier")
public record CarrierView(UUID id, String code, String name, CarrierKind kind, String country, int weight,
                          boolean active, Instant createdAt, Instant updatedAt, long version) {

    static CarrierView of(Carrier c) {
        return new CarrierView(c.id(), c.code(), c.name(), c.kind(), c.country(), c.weight(), c.active(),
                c.createdAt(), c.updatedAt(), c.version());
    }
}
