package io.waihu.events.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code campaign.outcome-events.v1}, keyed by {@code campaignId}. Business outcomes of attempts
 * (contact, right-party contact, conversion, opt-out).
 *
 * <p>Produced by campaign-service; consumed by analytics-service. Read a record of the topic as this type: the
 * {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = OutcomeRecorded.class, name = OutcomeRecorded.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface OutcomeEvent extends WaihuEvent permits OutcomeRecorded {

    String TOPIC = Topics.OUTCOME_EVENTS;

    String campaignId();

    @Override
    default String aggregateId() {
        return campaignId();
    }
}
