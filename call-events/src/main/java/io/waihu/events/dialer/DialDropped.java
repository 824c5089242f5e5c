package io.waihu.events.dialer;

import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The dialer took a dial request but did not place the call; campaign-service reschedules the attempt.
 *
 * <p>Topic {@code dialer.call-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call id the dialer assigned to the request; the Kafka key. No call was placed under it.
 * @param campaignId The campaign.
 * @param attemptId The attempt the request carried.
 * @param contactId The contact in campaign-service.
 * @param number E.164 number that was not dialled.
 * @param reason Why it was not dialled.
 * @param detail The check's own words, e.g. the window and local time it compared. Optional.
 * @param droppedAt When the dialer decided (UTC).
 */
public record DialDropped(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        String attemptId,
        String contactId,
        String number,
        DropReason reason,
        @OptionalField String detail,
        Instant droppedAt) implements CallEvent {

    public static final String TYPE = "DialDropped";

    public DialDropped {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.id(contactId, "contactId");
        Require.e164(number, "number");
        Require.present(reason, "reason");
        Require.present(droppedAt, "droppedAt");
    }

    /**
     * A new {@code DialDropped} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static DialDropped of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String attemptId,
            String contactId,
            String number,
            DropReason reason,
            String detail,
            Instant droppedAt) {
        return new DialDropped(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, attemptId, contactId, number, reason, detail, droppedAt);
    }
}
