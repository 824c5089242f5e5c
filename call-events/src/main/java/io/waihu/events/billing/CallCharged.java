package io.waihu.events.billing;

import io.waihu.events.Money;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An ended call was rated against its carrier's tariff. Published once per call.
 *
 * <p>Topic {@code billing.charge-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key.
 * @param campaignId The campaign.
 * @param attemptId The attempt the call served.
 * @param carrierId Carrier whose tariff rated the call.
 * @param cost What the call cost, after adjustments.
 * @param tariffId Tariff deck used.
 * @param tariffVersion Version of the deck used.
 * @param destinationPrefix Longest tariff prefix that matched the number.
 * @param destinationClass Class of that destination.
 * @param billedSeconds Seconds charged after minimum and increment rounding.
 * @param breakdown How the cost was reached.
 */
public record CallCharged(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        String attemptId,
        String carrierId,
        Money cost,
        String tariffId,
        int tariffVersion,
        String destinationPrefix,
        DestinationClass destinationClass,
        long billedSeconds,
        ChargeBreakdown breakdown) implements ChargeEvent {

    public static final String TYPE = "CallCharged";

    public CallCharged {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.id(carrierId, "carrierId");
        Require.present(cost, "cost");
        Require.id(tariffId, "tariffId");
        Require.atLeast(tariffVersion, 1, "tariffVersion");
        Require.digits(destinationPrefix, "destinationPrefix");
        Require.present(destinationClass, "destinationClass");
        Require.atLeast(billedSeconds, 0, "billedSeconds");
        Require.present(breakdown, "breakdown");
    }

    /**
     * A new {@code CallCharged} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallCharged of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String attemptId,
            String carrierId,
            Money cost,
            String tariffId,
            int tariffVersion,
            String destinationPrefix,
            DestinationClass destinationClass,
            long billedSeconds,
            ChargeBreakdown breakdown) {
        return new CallCharged(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, attemptId, carrierId, cost, tariffId, tariffVersion,
                destinationPrefix, destinationClass, billedSeconds, breakdown);
    }
}
