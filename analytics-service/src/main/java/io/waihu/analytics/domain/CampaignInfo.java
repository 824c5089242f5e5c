package io.waihu.analytics.domain;

import io.waihu.events.Money;
import io.waihu.events.campaign.AbandonWindow;

import java.time.Instant;
import java.util.List;

/** What analytics keeps of a campaign from campaign.campaign-events.v1. budget is null when the campaign has none. */
public record CampaignInfo(String campaignId, String name, String status, Money budget, List<Integer> alertPercents,
                           Instant startsAt, Instant endsAt, AbandonWindow abandonWindow, String abandonWindowZone) {

    public static final List<Integer> DEFAULT_ALERT_PERCENTS = List.of(80, 100);
}
