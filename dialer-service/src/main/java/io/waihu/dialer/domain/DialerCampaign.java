package io.waihu.dialer.domain;

import io.waihu.events.campaign.DialPolicy;

import java.time.Instant;
import java.util.List;

/**
 * What the dialer knows of a campaign: whether to dial for it, how, through which carriers, and the rules it
 * re-checks at dial time (dialPolicy; absent until campaign-service sends one, and then nothing is dialled).
 */
public record DialerCampaign(String tenantId, String campaignId, String name, String dialMode, String rulePack,
                             Status status, List<String> allowedCarrierIds, String statusReason, Instant lastEventAt,
                             DialPolicy dialPolicy, List<Integer> budgetAlertPercents, String budgetCurrency) {

    public enum Status {
        RUNNING,
        PAUSED,
        COMPLETED
    }

    public boolean agentless() {
        return "AGENTLESS".equals(dialMode);
    }
}
