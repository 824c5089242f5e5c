package io.waihu.events.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code crm.contact-events.v1}, keyed by {@code externalId}. Contacts as CRM systems outside Waihu
 * see them: created or changed, opted out, erased.
 *
 * <p>Produced by crm; consumed by campaign-service. Read a record of the topic as this type: the {@code type}
 * field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ContactUpserted.class, name = ContactUpserted.TYPE),
        @JsonSubTypes.Type(value = ContactOptedOut.class, name = ContactOptedOut.TYPE),
        @JsonSubTypes.Type(value = ContactErased.class, name = ContactErased.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ContactEvent extends WaihuEvent permits ContactUpserted, ContactOptedOut, ContactErased {

    String TOPIC = Topics.CONTACT_EVENTS;

    String externalId();

    @Override
    default String aggregateId() {
        return externalId();
    }
}
