package io.waihu.events.campaign;

import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Dialling resumes with the campaign's current settings.
 *
 * <p>Topic {@code campaign.campaign-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 */
public record CampaignResumed(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId) implements CampaignEvent {

    public static final String TYPE = "CampaignResumed";

    public CampaignResumed {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
    }

    /**
     * A new {@code CampaignResumed} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CampaignResumed of(String tenantId,
            Instant occurredAt,
            String campaignId) {
        return new CampaignResumed(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId);
    }
}
