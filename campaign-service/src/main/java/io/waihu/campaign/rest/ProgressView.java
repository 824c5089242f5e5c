package io.waihu.campaign.rest;

import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.campaign.repository.ProgressRepository;
import io.waihu.events.Money;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How far a campaign has got.
 *
 * @param contactsPending not done and not waiting for the dialer (due now or later)
 * @param outstanding     dial requests the dialer has not answered yet
 * @param spent           spend per currency from billing's charges
 */
public record ProgressView(UUID campaignId, CampaignStatus status, long contactsTotal, long contactsDone, long contactsPending,
                           long outstanding, Map<String, Long> doneByReason, Map<String, Long> attemptsByDisposition,
                           List<Money> spent, Money budget, List<ProgressRepository.BudgetAlert> budgetAlerts) {
}
