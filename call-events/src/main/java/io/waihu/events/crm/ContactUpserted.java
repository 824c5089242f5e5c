package io.waihu.events.crm;

import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A CRM created or changed a contact. The whole contact is sent each time; the latest one per externalId wins.
 *
 * <p>Topic {@code crm.contact-events.v1}, key {@code externalId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param externalId The contact's id in the CRM; the Kafka key.
 * @param listId Contact list to put the contact in; absent keeps the current list. Optional.
 * @param name Display name; may be empty.
 * @param phones The contact's numbers, preferred first; may be empty (the contact is kept but never dialled).
 * @param zoneOverride IANA time zone to use instead of the one derived from each number. Optional.
 * @param attributes Free CRM attributes shown to agents; absent means none. Optional.
 * @param consent Consent held by the CRM, if any. Optional.
 */
public record ContactUpserted(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String externalId,
        @OptionalField String listId,
        String name,
        List<Phone> phones,
        @OptionalField String zoneOverride,
        @OptionalField Map<String, String> attributes,
        @OptionalField Consent consent) implements ContactEvent {

    public static final String TYPE = "ContactUpserted";

    public ContactUpserted {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(externalId, "externalId");
        if (listId != null) {
            Require.id(listId, "listId");
        }
        Require.text(name, "name");
        phones = Require.list(phones, "phones", 0);
        if (zoneOverride != null) {
            Require.zone(zoneOverride, "zoneOverride");
        }
        attributes = attributes == null ? Map.of() : Require.stringMap(attributes, "attributes");
    }

    /**
     * A new {@code ContactUpserted} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static ContactUpserted of(String tenantId,
            Instant occurredAt,
            String externalId,
            String listId,
            String name,
            List<Phone> phones,
            String zoneOverride,
            Map<String, String> attributes,
            Consent consent) {
        return new ContactUpserted(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, externalId, listId, name, phones, zoneOverride, attributes, consent);
    }
}
