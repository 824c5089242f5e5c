package io.waihu.campaign.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** A person a campaign may call, as the CRM or an upload described them. */
public record Contact(UUID id, String tenantId, String externalId, String listId, String name, JsonNode phones,
                      String zoneOverride, JsonNode attributes, JsonNode consent, ContactStatus status,
                      Instant lastEventAt, Instant updatedAt) {
}
