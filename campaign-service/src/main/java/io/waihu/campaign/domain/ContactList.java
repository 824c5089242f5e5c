package io.waihu.campaign.domain;

import java.time.Instant;

/** A named set of contacts; national numbers uploaded into it are read in its default region (ISO 3166 alpha-2). */
public record ContactList(String tenantId, String id, String name, String defaultRegion, Instant createdAt) {
}
