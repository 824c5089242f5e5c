package io.waihu.events.dialer;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The dialer sent the call to a carrier.
 *
 * <p>Topic {@code dialer.call-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key.
 * @param campaignId The campaign.
 * @param attemptId The attempt it serves.
 * @param number E.164 number dialled.
 * @param carrierId Carrier chosen by least-cost routing.
 * @param callerId Number presented to the callee.
 * @param placedAt When the call was sent (UTC).
 */
public record CallPlaced(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        String attemptId,
        String number,
        String carrierId,
        String callerId,
        Instant placedAt) implements CallEvent {

    public static final String TYPE = "CallPlaced";

    public CallPlaced {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.e164(number, "number");
        Require.id(carrierId, "carrierId");
        Require.e164(callerId, "callerId");
        Require.present(placedAt, "placedAt");
    }

    /**
     * A new {@code CallPlaced} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallPlaced of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String attemptId,
            String number,
            String carrierId,
            String callerId,
            Instant placedAt) {
        return new CallPlaced(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, attemptId, number, carrierId, callerId, placedAt);
    }
}
