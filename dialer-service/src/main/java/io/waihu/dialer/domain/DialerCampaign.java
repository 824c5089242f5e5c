package io.waihu.dialer.domain;

import java.time.Instant;
import java.util.List;

/** What the dialer knows of a campaign: whether to dial for it, how, and through which carriers. */
public record DialerCampaign(String tenantId, String campaignId, String name, String dialMode, String rulePack,
                             Status status, List<String> allowedCarrierIds, String statusReason, Instant lastEventAt) {

    public enum Status {
        RUNNING,
        PAUSED,
        COMPLETED
    }
}
