package io.waihu.events.dialer;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The callee's phone is ringing.
 *
 * <p>Topic {@code dialer.call-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key.
 * @param campaignId The campaign.
 * @param attemptId The attempt it serves.
 * @param ringingAt When ringing started (UTC).
 */
public record CallRinging(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        String attemptId,
        Instant ringingAt) implements CallEvent {

    public static final String TYPE = "CallRinging";

    public CallRinging {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.present(ringingAt, "ringingAt");
    }

    /**
     * A new {@code CallRinging} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallRinging of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String attemptId,
            Instant ringingAt) {
        return new CallRinging(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, attemptId, ringingAt);
    }
}
