package io.waihu.dialer.domain.rules;

import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.events.dialer.DropReason;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The rule check at dial time, after campaign-service's own checks: whatever changed since the request was
 * issued (time passed, a window closed, an opt-out arrived, a call was abandoned) is caught here. When in doubt,
 * it does not dial. Routing (NO_ROUTE) comes after this check, in the routing table.
 */
public final class DialRuleCheck {

    private DialRuleCheck() {
    }

    /**
     * @param campaign the dialer's copy, or null when it has not heard of the campaign
     * @param suppressions entries that may apply to the number (the check filters campaign, expiry and match)
     * @param lastAbandonAt when a call to this number was last abandoned, or null
     */
    public static Optional<Drop> check(DialRequest request, DialerCampaign campaign, Collection<SuppressionEntry> suppressions,
                                       Instant lastAbandonAt, Instant now) {
        if (!now.isBefore(request.deadline())) {
            return Optional.of(new Drop(DropReason.DEADLINE_PASSED, "deadline " + request.deadline() + " passed at " + now));
        }
        if (campaign == null) {
            return Optional.of(new Drop(DropReason.CAMPAIGN_NOT_RUNNING, "the dialer has not heard of campaign " + request.campaignId()));
        }
        if (campaign.status() != DialerCampaign.Status.RUNNING) {
            return Optional.of(new Drop(DropReason.CAMPAIGN_NOT_RUNNING, "campaign is " + campaign.status()
                    + (campaign.statusReason() == null ? "" : " (" + campaign.statusReason() + ")")));
        }
        if (campaign.dialPolicy() == null) {
            return Optional.of(new Drop(DropReason.OUTSIDE_WINDOW, "campaign has no dial policy: no calling window is known"));
        }
        Optional<String> outside = CallingWindows.outside(campaign.dialPolicy(), request.calleeZones(), now);
        if (outside.isPresent()) {
            return Optional.of(new Drop(DropReason.OUTSIDE_WINDOW, outside.get()));
        }
        for (SuppressionEntry entry : suppressions) {
            if (entry.suppresses(request.number(), request.campaignId(), now)) {
                return Optional.of(new Drop(DropReason.SUPPRESSED, "do-not-call entry " + entry.entryId()
                        + (entry.prefixMatch() ? " (prefix " + entry.digits() + ")" : "")
                        + (entry.campaignId() == null ? ", tenant-wide" : ", campaign " + entry.campaignId())));
            }
        }
        int coolOffHours = campaign.dialPolicy().noRedialAfterAbandonHours();
        if (coolOffHours > 0 && lastAbandonAt != null) {
            Instant until = lastAbandonAt.plus(Duration.ofHours(coolOffHours));
            if (now.isBefore(until)) {
                return Optional.of(new Drop(DropReason.ABANDON_COOL_OFF, "abandoned at " + lastAbandonAt + "; no redial for "
                        + coolOffHours + " h, until " + until));
            }
        }
        return Optional.empty();
    }
}
