package io.waihu.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The header every Waihu event carries. Each event is a record whose first five components are
 * these, followed by its aggregate id (the Kafka key) and its own fields.
 */
public interface WaihuEvent {

    /** Major version of every event on a {@code .v1} topic; a breaking change means a {@code .v2} topic. */
    int SCHEMA_VERSION = 1;

    /** Unique per event; consumers deduplicate on it (delivery is at-least-once). */
    UUID eventId();

    /** The event's simple name, e.g. {@code "CallEnded"}; selects the record on a shared topic. */
    String type();

    /** When the fact happened (UTC); {@code of(...)} factories take it from the caller or use now. */
    Instant occurredAt();

    String tenantId();

    int schemaVersion();

    /** Value of the record's key field (campaignId, callId, carrierId or contact externalId). */
    String aggregateId();
}
