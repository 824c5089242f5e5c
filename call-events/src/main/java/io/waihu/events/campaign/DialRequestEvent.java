package io.waihu.events.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code campaign.dial-requests.v1}, keyed by {@code campaignId}. Contact attempts the campaign
 * releases to the dialer (the hopper).
 *
 * <p>Produced by campaign-service; consumed by dialer-service. Read a record of the topic as this type: the
 * {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = DialRequested.class, name = DialRequested.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface DialRequestEvent extends WaihuEvent permits DialRequested {

    String TOPIC = Topics.DIAL_REQUESTS;

    String campaignId();

    @Override
    default String aggregateId() {
        return campaignId();
    }
}
