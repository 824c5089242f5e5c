package io.waihu.events.campaign;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One contact attempt released to the dialer: call this number before the deadline, or drop it.
 *
 * <p>Topic {@code campaign.dial-requests.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param attemptId The attempt; unique, the dialer's idempotency key.
 * @param contactId The contact in campaign-service.
 * @param number E.164 number to dial.
 * @param calleeZones IANA zones the number may be in; the dialer re-checks the calling window in each.
 * @param deadline Do not place the call after this instant (UTC); the campaign reissues the attempt later.
 * @param attemptNumber 1 for the first attempt on this contact, then 2, 3...
 * @param priority Higher is dialled sooner; 0 is normal.
 */
public record DialRequested(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        String attemptId,
        String contactId,
        String number,
        List<String> calleeZones,
        Instant deadline,
        int attemptNumber,
        int priority) implements DialRequestEvent {

    public static final String TYPE = "DialRequested";

    public DialRequested {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.id(contactId, "contactId");
        Require.e164(number, "number");
        calleeZones = Require.list(calleeZones, "calleeZones", 1, Require::zone);
        Require.present(deadline, "deadline");
        Require.atLeast(attemptNumber, 1, "attemptNumber");
        Require.atLeast(priority, 0, "priority");
    }

    /**
     * A new {@code DialRequested} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static DialRequested of(String tenantId,
            Instant occurredAt,
            String campaignId,
            String attemptId,
            String contactId,
            String number,
            List<String> calleeZones,
            Instant deadline,
            int attemptNumber,
            int priority) {
        return new DialRequested(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, attemptId, contactId, number, calleeZones, deadline, attemptNumber,
                priority);
    }
}
