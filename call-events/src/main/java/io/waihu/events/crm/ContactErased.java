package io.waihu.events.crm;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The contact's personal data must be erased (a data-protection request); consumers delete or anonymise it.
 *
 * <p>Topic {@code crm.contact-events.v1}, key {@code externalId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param externalId The contact's id in the CRM; the Kafka key.
 * @param reason The request it fulfils, e.g. a ticket number.
 */
public record ContactErased(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String externalId,
        String reason) implements ContactEvent {

    public static final String TYPE = "ContactErased";

    public ContactErased {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(externalId, "externalId");
        Require.text(reason, "reason");
    }

    /**
     * A new {@code ContactErased} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static ContactErased of(String tenantId,
            Instant occurredAt,
            String externalId,
            String reason) {
        return new ContactErased(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, externalId, reason);
    }
}
