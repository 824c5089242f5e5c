package io.waihu.campaign.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A do-not-call entry: one number, or every number starting with {@code digits} when {@code prefixMatch}.
 * {@code campaignId} null means it applies to every campaign of the tenant.
 */
public record SuppressionEntry(UUID id, String tenantId, String campaignId, String digits, boolean prefixMatch,
                               Instant expiresAt, String source, String reason, Instant createdAt, Instant removedAt) {

    /** In force at {@code now}: not removed and not expired. */
    public boolean appliesAt(Instant now) {
        return removedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** Whether this entry covers the E.164 number (digits without '+') for the campaign (null = no campaign). */
    public boolean matches(String numberDigits, String forCampaignId) {
        if (campaignId != null && !campaignId.equals(forCampaignId)) {
            return false;
        }
        return prefixMatch ? numberDigits.startsWith(digits) : numberDigits.equals(digits);
    }
}
