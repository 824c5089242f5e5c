package io.waihu.events.dialer;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The call was answered.
 *
 * <p>Topic {@code dialer.call-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key.
 * @param campaignId The campaign.
 * @param attemptId The attempt it serves.
 * @param answeredAt When it was answered (UTC).
 * @param answeredBy Answering-machine detection's verdict.
 */
public record CallAnswered(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        String attemptId,
        Instant answeredAt,
        AnsweredBy answeredBy) implements CallEvent {

    public static final String TYPE = "CallAnswered";

    public CallAnswered {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.present(answeredAt, "answeredAt");
        Require.present(answeredBy, "answeredBy");
    }

    /**
     * A new {@code CallAnswered} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallAnswered of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String attemptId,
            Instant answeredAt,
            AnsweredBy answeredBy) {
        return new CallAnswered(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, attemptId, answeredAt, answeredBy);
    }
}
