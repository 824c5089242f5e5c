package io.waihu.events.analytics;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.waihu.events.DecimalString;
import io.waihu.events.Money;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Spend along one dimension (carrier, prefix, agent...) is far from its usual level.
 *
 * <p>Topic {@code analytics.alert-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param dimension What was measured along, e.g. carrier, destinationPrefix, agent.
 * @param dimensionValue Which one, e.g. the carrier id.
 * @param observed Spend observed in the window.
 * @param baseline Usual spend for the same window; same currency.
 * @param score How unusual (e.g. a z-score), a decimal string.
 * @param evidence What was seen, for a person.
 */
public record SpendAnomaly(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        String dimension,
        String dimensionValue,
        Money observed,
        Money baseline,
        @JsonSerialize(using = DecimalString.class) BigDecimal score,
        String evidence) implements AlertEvent {

    public static final String TYPE = "SpendAnomaly";

    public SpendAnomaly {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(campaignId, "campaignId");
        Require.id(dimension, "dimension");
        Require.id(dimensionValue, "dimensionValue");
        Require.present(observed, "observed");
        Require.present(baseline, "baseline");
        Require.present(score, "score");
        Require.text(evidence, "evidence");
        Require.sameCurrency(observed, baseline, "observed", "baseline");
    }

    /**
     * A new {@code SpendAnomaly} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static SpendAnomaly of(String tenantId,
            Instant occurredAt,
            String campaignId,
            String dimension,
            String dimensionValue,
            Money observed,
            Money baseline,
            BigDecimal score,
            String evidence) {
        return new SpendAnomaly(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, dimension, dimensionValue, observed, baseline, score, evidence);
    }
}
