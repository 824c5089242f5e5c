package io.waihu.events.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code billing.charge-events.v1}, keyed by {@code callId}. What each ended call cost, rated once
 * against the carrier's tariff, and any rerating.
 *
 * <p>Produced by billing-service; consumed by analytics-service, campaign-service. Read a record of the topic
 * as this type: the {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = CallCharged.class, name = CallCharged.TYPE),
        @JsonSubTypes.Type(value = CallRerated.class, name = CallRerated.TYPE),
        @JsonSubTypes.Type(value = CallUnrated.class, name = CallUnrated.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ChargeEvent extends WaihuEvent permits CallCharged, CallRerated, CallUnrated {

    String TOPIC = Topics.CHARGE_EVENTS;

    String callId();

    String campaignId();

    @Override
    default String aggregateId() {
        return callId();
    }
}
