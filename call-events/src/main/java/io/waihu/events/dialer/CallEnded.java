package io.waihu.events.dialer;

import io.waihu.events.NumberType;
import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The call is over. Carries everything billing needs to rate it and campaign-service needs to schedule a
 * retry.
 *
 * <p>Topic {@code dialer.call-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key, and billing's idempotency key.
 * @param campaignId The campaign.
 * @param attemptId The attempt it served.
 * @param contactId The contact in campaign-service.
 * @param number E.164 number dialled.
 * @param carrierId Carrier that carried the call.
 * @param agentId Agent the call was connected to, if any. Optional.
 * @param disposition How the call ended.
 * @param setupAt When call setup started (UTC).
 * @param ringingAt When ringing started, if it did. Optional.
 * @param answeredAt When it was answered, if it was. Optional.
 * @param endedAt When it ended (UTC); not before setupAt.
 * @param billableSeconds Connected seconds the carrier bills, rounded up to whole seconds.
 * @param abandoned Answered by a person but no agent was free in time (counts against the abandon limit).
 * @param amdResult Raw answering-machine-detection result, e.g. HUMAN, MACHINE, NOTSURE. Optional.
 * @param calleeZone IANA zone the callee was judged to be in when dialled. Optional.
 * @param numberType What kind of line {@code number} is, as libphonenumber read it (copied from the attempt's
 *        DialRequested); billing rates with it instead of reading the number again. Optional (absent on events from
 *        before it existed, and when the attempt carried none).
 * @param rangeCarrier The English name of the carrier that owns the number's range, as libphonenumber read it
 *        (copied from the DialRequested). Optional: absent when unknown.
 */
public record CallEnded(
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
        String carrierId,
        @OptionalField String agentId,
        CallDisposition disposition,
        Instant setupAt,
        @OptionalField Instant ringingAt,
        @OptionalField Instant answeredAt,
        Instant endedAt,
        long billableSeconds,
        boolean abandoned,
        @OptionalField String amdResult,
        @OptionalField String calleeZone,
        @OptionalField NumberType numberType,
        @OptionalField String rangeCarrier) implements CallEvent {

    public static final String TYPE = "CallEnded";

    public CallEnded {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        Require.id(contactId, "contactId");
        Require.e164(number, "number");
        Require.id(carrierId, "carrierId");
        if (agentId != null) {
            Require.id(agentId, "agentId");
        }
        Require.present(disposition, "disposition");
        Require.present(setupAt, "setupAt");
        Require.present(endedAt, "endedAt");
        Require.atLeast(billableSeconds, 0, "billableSeconds");
        if (amdResult != null) {
            Require.id(amdResult, "amdResult");
        }
        if (calleeZone != null) {
            Require.zone(calleeZone, "calleeZone");
        }
        if (rangeCarrier != null) {
            Require.id(rangeCarrier, "rangeCarrier");
        }
        Require.notBefore(endedAt, setupAt, "endedAt", "setupAt");
    }

    /**
     * A new {@code CallEnded} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallEnded of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            String attemptId,
            String contactId,
            String number,
            String carrierId,
            String agentId,
            CallDisposition disposition,
            Instant setupAt,
            Instant ringingAt,
            Instant answeredAt,
            Instant endedAt,
            long billableSeconds,
            boolean abandoned,
            String amdResult,
            String calleeZone) {
        return new CallEnded(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, attemptId, contactId, number, carrierId, agentId, disposition,
                setupAt, ringingAt, answeredAt, endedAt, billableSeconds, abandoned, amdResult, calleeZone, null, null);
    }

    /** The same event (same eventId) carrying libphonenumber's reading of {@code number}; nulls mean not read. */
    public CallEnded withNumberReading(NumberType numberType, String rangeCarrier) {
        return new CallEnded(eventId, type, occurredAt, tenantId, schemaVersion, callId, campaignId, attemptId, contactId,
                number, carrierId, agentId, disposition, setupAt, ringingAt, answeredAt, endedAt, billableSeconds, abandoned,
                amdResult, calleeZone, numberType, rangeCarrier);
    }
}
