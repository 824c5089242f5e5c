package io.waihu.events.campaign;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A do-not-call entry no longer applies.
 *
 * <p>Topic {@code campaign.suppression-events.v1}, key {@code entryId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param entryId The entry; the Kafka key.
 */
public record SuppressionRemoved(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String entryId) implements SuppressionEvent {

    public static final String TYPE = "SuppressionRemoved";

    public SuppressionRemoved {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(entryId, "entryId");
    }

    /**
     * A new {@code SuppressionRemoved} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static SuppressionRemoved of(String tenantId, Instant occurredAt, String entryId) {
        return new SuppressionRemoved(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, entryId);
    }
}
