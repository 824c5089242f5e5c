package io.waihu.campaign.domain;

import io.waihu.events.Money;

import java.time.Instant;
import java.util.UUID;

/** A campaign as stored: its settings, where it is in its life, and what it has spent. */
public record Campaign(UUID id, String tenantId, CampaignStatus status, String statusReason, CampaignSettings settings,
                      Integer rulePackVersion, Instant startsAt, Instant endsAt, Money spent, Instant startedAt,
                      Instant endedAt, Instant createdAt, Instant updatedAt) {
}
