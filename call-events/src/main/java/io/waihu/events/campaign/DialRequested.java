package io.waihu.events.campaign;

import io.waihu.events.NumberType;
import io.waihu.events.OptionalField;
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
 * @param numberType What kind of line {@code number} is, as libphonenumber read it when the attempt was released;
 *        the dialer copies it to the CallEnded so billing need not read the number again. Optional (absent on
 *        events from before it existed, and when the number was not read).
 * @param rangeCarrier The English name of the carrier that owns the number's range, as libphonenumber read it
 *        (mobile ranges only; a ported number may have moved). Optional: absent when unknown.
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
        int priority,
        @OptionalField NumberType numberType,
        @OptionalField String rangeCarrier) implements DialRequestEvent {

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
        if (rangeCarrier != null) {
            Require.id(rangeCarrier, "rangeCarrier");
        }
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
                priority, null, null);
    }

    /** The same event (same eventId) carrying libphonenumber's reading of {@code number}; nulls mean not read. */
    public DialRequested withNumberReading(NumberType numberType, String rangeCarrier) {
        return new DialRequested(eventId, type, occurredAt, tenantId, schemaVersion, campaignId, attemptId, contactId,
                number, calleeZones, deadline, attemptNumber, priority, numberType, rangeCarrier);
    }
}
