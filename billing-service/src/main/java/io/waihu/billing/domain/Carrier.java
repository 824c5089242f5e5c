package io.waihu.billing.domain;

import java.time.Instant;
import java.util.UUID;

/** A carrier a tenant buys minutes from; its tariffs hang off it. Weight breaks cost ties in routing. */
public record Carrier(UUID id, String tenantId, String code, String name, CarrierKind kind, String country,
                      int weight, boolean active, Instant createdAt, Instant updatedAt, long version) {
}
