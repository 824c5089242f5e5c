package io.waihu.events.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;

/**
 * Events on {@code analytics.alert-events.v1}, keyed by {@code campaignId}. Spend alerts: budget thresholds,
 * exhausted budgets, anomalies.
 *
 * <p>Produced by analytics-service; consumed by campaign-service. Read a record of the topic as this type: the
 * {@code type} field selects the record.
 */
// EXISTING_PROPERTY: "type" is a record component, so Jackson writes it once and hands it to the constructor.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = BudgetThresholdReached.class, name = BudgetThresholdReached.TYPE),
        @JsonSubTypes.Type(value = BudgetExhausted.class, name = BudgetExhausted.TYPE),
        @JsonSubTypes.Type(value = SpendAnomaly.class, name = SpendAnomaly.TYPE)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AlertEvent extends WaihuEvent permits BudgetThresholdReached, BudgetExhausted, SpendAnomaly {

    String TOPIC = Topics.ALERT_EVENTS;

    String campaignId();

    @Override
    default String aggregateId() {
        return campaignId();
    }
}
