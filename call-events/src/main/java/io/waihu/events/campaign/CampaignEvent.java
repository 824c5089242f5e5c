package io.waihu.events.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code campaign.campaign-events.v1}, keyed by {@code campaignId}. A campaign's life: started,
 * paused, resumed, completed, settings changed.
 *
 * <p>Produced by campaign-service; consumed by dialer-service, analytics-service. Read a record of the topic
 * as this type: the {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = CampaignStarted.class, name = CampaignStarted.TYPE),
        @JsonSubTypes.Type(value = CampaignPaused.class, name = CampaignPaused.TYPE),
        @JsonSubTypes.Type(value = CampaignResumed.class, name = CampaignResumed.TYPE),
        @JsonSubTypes.Type(value = CampaignCompleted.class, name = CampaignCompleted.TYPE),
        @JsonSubTypes.Type(value = CampaignSettingsChanged.class, name = CampaignSettingsChanged.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CampaignEvent extends WaihuEvent permits CampaignStarted, CampaignPaused, CampaignResumed, CampaignCompleted, CampaignSettingsChanged {

    String TOPIC = Topics.CAMPAIGN_EVENTS;

    String campaignId();

    @Override
    default String aggregateId() {
        return campaignId();
    }
}
