package io.waihu.events.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code campaign.suppression-events.v1}, keyed by {@code entryId}. The do-not-call entries, so the
 * dialer can check them again at dial time from its own copy.
 *
 * <p>Produced by campaign-service; consumed by dialer-service. Read a record of the topic as this type: the
 * {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = SuppressionAdded.class, name = SuppressionAdded.TYPE),
        @JsonSubTypes.Type(value = SuppressionRemoved.class, name = SuppressionRemoved.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface SuppressionEvent extends WaihuEvent permits SuppressionAdded, SuppressionRemoved {

    String TOPIC = Topics.SUPPRESSION_EVENTS;

    String entryId();

    @Override
    default String aggregateId() {
        return entryId();
    }
}
