package io.waihu.events.campaign;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Dialling stops: no new calls are placed; calls in flight finish.
 *
 * <p>Topic {@code campaign.campaign-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param reason Why, e.g. a supervisor's note or the budget alert that caused it.
 */
public record CampaignPaused(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        String reason) implements CampaignEvent {

    public static final String TYPE = "CampaignPaused";

    public CampaignPaused {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
        Require.text(reason, "reason");
    }

    /**
     * A new {@code CampaignPaused} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CampaignPaused of(String tenantId,
            Instant occurredAt,
            String campaignId,
            String reason) {
        return new CampaignPaused(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, reason);
    }
}
