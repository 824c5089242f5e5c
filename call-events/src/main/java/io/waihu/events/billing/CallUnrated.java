package io.waihu.events.billing;

import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An ended call could not be rated; its cost stays unknown until it is rerated.
 *
 * <p>Topic {@code billing.charge-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key.
 * @param campaignId The campaign.
 * @param carrierId Carrier that carried the call.
 * @param reasonCode Why rating failed.
 * @param detail What billing found, for a person to fix the tariff. Optional.
 */
public record CallUnrated(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        String carrierId,
        UnratedReason reasonCode,
        @OptionalField String detail) implements ChargeEvent {

    public static final String TYPE = "CallUnrated";

    public CallUnrated {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(carrierId, "carrierId");
        Require.present(reasonCode, "reasonCode");
        if (detail != null) {
            Require.text(detail, "detail");
        }
    }

    /**
     * A new {@code CallUnrated} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallUnrated of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String carrierId,
            UnratedReason reasonCode,
            String detail) {
        return new CallUnrated(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, carrierId, reasonCode, detail);
    }
}
