package io.waihu.analytics.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** An alert analytics raised, as listed by the REST API; event is the published event's JSON. */
public record AlertRecord(UUID eventId, String type, String campaignId, String alertKey, Instant occurredAt, JsonNode event) {
}
