package io.waihu.events.analytics;

import io.waihu.events.Money;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A campaign's spend crossed a share of its budget.
 *
 * <p>Topic {@code analytics.alert-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param thresholdPercent The threshold crossed, in percent of the budget.
 * @param spent Spend when it was crossed.
 * @param budget The budget; same currency as spent.
 */
public record BudgetThresholdReached(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        int thresholdPercent,
        Money spent,
        Money budget) implements AlertEvent {

    public static final String TYPE = "BudgetThresholdReached";

    public BudgetThresholdReached {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
        Require.between(thresholdPercent, 1, 100, "thresholdPercent");
        Require.present(spent, "spent");
        Require.present(budget, "budget");
        Require.sameCurrency(spent, budget, "spent", "budget");
    }

    /**
     * A new {@code BudgetThresholdReached} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static BudgetThresholdReached of(String tenantId,
            Instant occurredAt,
            String campaignId,
            int thresholdPercent,
            Money spent,
            Money budget) {
        return new BudgetThresholdReached(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, thresholdPercent, spent, budget);
    }
}
