package io.waihu.events.billing;

import io.waihu.events.InvalidEventException;
import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A carrier tariff version is in force: the prefixes the carrier reaches and a typical call's cost on each,
 * for routing.
 *
 * <p>Topic {@code billing.tariff-events.v1}, key {@code carrierId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param carrierId The carrier; the Kafka key.
 * @param carrierName Display name.
 * @param tariffId Tariff deck.
 * @param tariffVersion Version; a higher version replaces the lower for the same tariffId.
 * @param currency ISO-4217 currency of every amount in the tariff.
 * @param validFrom In force from (UTC, inclusive).
 * @param validUntil In force until (UTC, exclusive); absent means until replaced. Optional.
 * @param typicalCallSeconds Call length the typicalCallCost figures assume.
 * @param routes Destinations reached; longest prefix wins.
 * @param weight Routing preference among carriers of equal cost; higher wins.
 */
public record TariffPublished(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String carrierId,
        String carrierName,
        String tariffId,
        int tariffVersion,
        String currency,
        Instant validFrom,
        @OptionalField Instant validUntil,
        int typicalCallSeconds,
        List<RouteEntry> routes,
        int weight) implements TariffEvent {

    public static final String TYPE = "TariffPublished";

    public TariffPublished {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(carrierId, "carrierId");
        Require.text(carrierName, "carrierName");
        Require.id(tariffId, "tariffId");
        Require.atLeast(tariffVersion, 1, "tariffVersion");
        Require.currency(currency, "currency");
        Require.present(validFrom, "validFrom");
        Require.atLeast(typicalCallSeconds, 1, "typicalCallSeconds");
        routes = Require.list(routes, "routes", 0);
        Require.atLeast(weight, 0, "weight");
        for (int i = 0; i < routes.size(); i++) {
            if (!routes.get(i).typicalCallCost().currency().equals(currency)) {
                throw new InvalidEventException("routes[" + i + "].typicalCallCost.currency",
                        "must be the tariff currency " + currency);
            }
        }
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new InvalidEventException("validUntil", "must be after validFrom");
        }
    }

    /**
     * A new {@code TariffPublished} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static TariffPublished of(String tenantId,
            Instant occurredAt,
            String carrierId,
            String carrierName,
            String tariffId,
            int tariffVersion,
            String currency,
            Instant validFrom,
            Instant validUntil,
            int typicalCallSeconds,
            List<RouteEntry> routes,
            int weight) {
        return new TariffPublished(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, carrierId, carrierName, tariffId, tariffVersion, currency, validFrom, validUntil,
                typicalCallSeconds, routes, weight);
    }
}
