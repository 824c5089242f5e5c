package io.waihu.events.billing;

import io.waihu.events.InvalidEventException;
import io.waihu.events.Money;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A charged call was rated again (a corrected or new tariff version). delta = newCost - previousCost.
 *
 * <p>Topic {@code billing.charge-events.v1}, key {@code callId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param callId The call; the Kafka key.
 * @param campaignId The campaign.
 * @param previousCost Cost before this rerating.
 * @param newCost Cost now; same currency.
 * @param delta newCost - previousCost; negative when the call got cheaper.
 * @param tariffVersion Tariff version of the new rating.
 * @param reason Why the call was rerated.
 */
public record CallRerated(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String callId,
        String campaignId,
        Money previousCost,
        Money newCost,
        Money delta,
        int tariffVersion,
        String reason) implements ChargeEvent {

    public static final String TYPE = "CallRerated";

    public CallRerated {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(callId, "callId");
        Require.id(campaignId, "campaignId");
        Require.present(previousCost, "previousCost");
        Require.present(newCost, "newCost");
        Require.present(delta, "delta");
        Require.atLeast(tariffVersion, 1, "tariffVersion");
        Require.text(reason, "reason");
        Require.sameCurrency(newCost, previousCost, "newCost", "previousCost");
        Require.sameCurrency(delta, previousCost, "delta", "previousCost");
        if (!newCost.minus(previousCost).sameValueAs(delta)) {
            throw new InvalidEventException("delta", "must be newCost - previousCost = "
                    + newCost.minus(previousCost) + " but was " + delta);
        }
    }

    /**
     * A new {@code CallRerated} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CallRerated of(String tenantId,
            Instant occurredAt,
            String callId,
            String campaignId,
            Money previousCost,
            Money newCost,
            Money delta,
            int tariffVersion,
            String reason) {
        return new CallRerated(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, callId, campaignId, previousCost, newCost, delta, tariffVersion, reason);
    }
}
