package io.waihu.events.campaign;

import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The business outcome of one attempt, recorded by an agent, the CRM or the system.
 *
 * <p>Topic {@code campaign.outcome-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param attemptId The attempt.
 * @param callId The call, when the attempt produced one. Optional.
 * @param contactId The contact in campaign-service.
 * @param disposition The campaign's disposition code, e.g. CONVERTED, CALLBACK, REFUSED, WRONG_PARTY.
 * @param contact A person was reached.
 * @param rightPartyContact The intended person was reached.
 * @param conversion The campaign's goal was met.
 * @param optOut The person asked not to be called again.
 * @param recordedBy Agent id, or 'system' / 'crm'.
 */
public record OutcomeRecorded(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        String attemptId,
        @OptionalField String callId,
        String contactId,
        String disposition,
        boolean contact,
        boolean rightPartyContact,
        boolean conversion,
        boolean optOut,
        String recordedBy) implements OutcomeEvent {

    public static final String TYPE = "OutcomeRecorded";

    public OutcomeRecorded {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
        Require.id(attemptId, "attemptId");
        if (callId != null) {
            Require.id(callId, "callId");
        }
        Require.id(contactId, "contactId");
        Require.id(disposition, "disposition");
        Require.id(recordedBy, "recordedBy");
    }

    /**
     * A new {@code OutcomeRecorded} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static OutcomeRecorded of(String tenantId,
            Instant occurredAt,
            String campaignId,
            String attemptId,
            String callId,
            String contactId,
            String disposition,
            boolean contact,
            boolean rightPartyContact,
            boolean conversion,
            boolean optOut,
            String recordedBy) {
        return new OutcomeRecorded(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, attemptId, callId, contactId, disposition, contact, rightPartyContact,
                conversion, optOut, recordedBy);
    }
}
