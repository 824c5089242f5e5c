package io.waihu.events.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code billing.tariff-events.v1}, keyed by {@code carrierId}. The routing view of each carrier
 * tariff version; feeds the dialer's least-cost routing table.
 *
 * <p>Produced by billing-service; consumed by dialer-service. Read a record of the topic as this type: the
 * {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TariffPublished.class, name = TariffPublished.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface TariffEvent extends WaihuEvent permits TariffPublished {

    String TOPIC = Topics.TARIFF_EVENTS;

    String carrierId();

    @Override
    default String aggregateId() {
        return carrierId();
    }
}
