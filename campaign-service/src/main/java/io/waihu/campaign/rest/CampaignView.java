package io.waihu.campaign.rest;

import io.waihu.campaign.domain.Campaign;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.events.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign as the API shows it. */
public record CampaignView(UUID id, CampaignStatus status, String statusReason, List<String> allowedActions,
                           CampaignSettings settings, Integer rulePackVersion, Instant startsAt, Instant endsAt,
                           Money spent, Instant startedAt, Instant endedAt, Instant createdAt, Instant updatedAt) {

    static CampaignView of(Campaign c) {
        return new CampaignView(c.id(), c.status(), c.statusReason(),
                c.status().allowedActions().stream().map(CampaignStatus.Action::verb).toList(), c.settings(),
                c.rulePackVersion(), c.startsAt(), c.endsAt(), c.spent(), c.startedAt(), c.endedAt(), c.createdAt(), c.updatedAt());
    }
}
