package io.waihu.analytics.domain;

import io.waihu.events.Money;

import java.time.Instant;

/** What one campaign spent through one carrier in one hour, in one currency. */
public record SpendRollup(String campaignId, String carrierId, Instant hour, long chargedCalls, long billedSeconds,
                          Money cost) {
}
