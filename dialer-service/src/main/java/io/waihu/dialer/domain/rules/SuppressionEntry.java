package io.waihu.dialer.domain.rules;

import java.time.Instant;

/** A do-not-call entry in force for a tenant (campaignId null) or one campaign: a number, or a prefix. */
public record SuppressionEntry(String entryId, String campaignId, String digits, boolean prefixMatch, Instant expiresAt) {

    /** Whether this entry forbids calling the number (E.164 with '+') for the campaign at this instant. */
    public boolean suppresses(String e164, String campaign, Instant now) {
        if (campaignId != null && !campaignId.equals(campaign)) {
            return false;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return false;
        }
        String numberDigits = e164.startsWith("+") ? e164.substring(1) : e164;
        return prefixMatch ? numberDigits.startsWith(digits) : numberDigits.equals(digits);
    }
}
