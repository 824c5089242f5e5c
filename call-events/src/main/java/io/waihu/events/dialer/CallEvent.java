package io.waihu.events.dialer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code dialer.call-events.v1}, keyed by {@code callId}. What happened to each call the dialer
 * placed, or why it did not place one.
 *
 * <p>Produced by dialer-service; consumed by billing-service, campaign-service, analytics-service. Read a
 * record of the topic as this type: the {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = CallPlaced.class, name = CallPlaced.TYPE),
        @JsonSubTypes.Type(value = CallRinging.class, name = CallRinging.TYPE),
        @JsonSubTypes.Type(value = CallAnswered.class, name = CallAnswered.TYPE),
        @JsonSubTypes.Type(value = CallEnded.class, name = CallEnded.TYPE),
        @JsonSubTypes.Type(value = DialDropped.class, name = DialDropped.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CallEvent extends WaihuEvent permits CallPlaced, CallRinging, CallAnswered, CallEnded, DialDropped {

    String TOPIC = Topics.CALL_EVENTS;

    String callId();

    String campaignId();

    String attemptId();

    @Override
    default String aggregateId() {
        return callId();
    }
}
