package io.waihu.campaign.domain;

import java.util.List;

/** Whether a number may not be called, and the entries that say so (tenant-wide and campaign ones, exact and prefix). */
public record SuppressionCheck(String number, String campaignId, boolean suppressed, List<SuppressionEntry> matches) {
}
