package io.waihu.events.crm;

import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The contact asked not to be called: on one number, or on all of them when number is absent.
 *
 * <p>Topic {@code crm.contact-events.v1}, key {@code externalId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param externalId The contact's id in the CRM; the Kafka key.
 * @param number The number opted out; absent means every number of the contact. Optional.
 * @param reason Why, in the contact's or the agent's words.
 * @param channel Where the request was made, e.g. CALL, SMS, WEB, EMAIL.
 */
public record ContactOptedOut(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String externalId,
        @OptionalField String number,
        String reason,
        String channel) implements ContactEvent {

    public static final String TYPE = "ContactOptedOut";

    public ContactOptedOut {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(externalId, "externalId");
        if (number != null) {
            Require.e164(number, "number");
        }
        Require.text(reason, "reason");
        Require.id(channel, "channel");
    }

    /**
     * A new {@code ContactOptedOut} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static ContactOptedOut of(String tenantId,
            Instant occurredAt,
            String externalId,
            String number,
            String reason,
            String channel) {
        return new ContactOptedOut(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, externalId, number, reason, channel);
    }
}
