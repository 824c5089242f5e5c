package io.waihu.events.analytics;

import io.waihu.events.Money;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A campaign spent its whole budget; campaign-service stops it.
 *
 * <p>Topic {@code analytics.alert-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param spent Spend so far (may exceed the budget by the calls in flight).
 * @param budget The budget; same currency as spent.
 */
public record BudgetExhausted(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        Money spent,
        Money budget) implements AlertEvent {

    public static final String TYPE = "BudgetExhausted";

    public BudgetExhausted {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
        Require.present(spent, "spent");
        Require.present(budget, "budget");
        Require.sameCurrency(spent, budget, "spent", "budget");
    }

    /**
     * A new {@code BudgetExhausted} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static BudgetExhausted of(String tenantId,
            Instant occurredAt,
            String campaignId,
            Money spent,
            Money budget) {
        return new BudgetExhausted(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, spent, budget);
    }
}
