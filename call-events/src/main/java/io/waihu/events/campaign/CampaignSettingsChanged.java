package io.waihu.events.campaign;

import io.waihu.events.Money;
import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Settings of a running campaign changed. Only the changed fields are present; an absent field is unchanged.
 *
 * <p>Topic {@code campaign.campaign-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param name New display name. Optional.
 * @param dialMode New pacing mode. Optional.
 * @param rulePack New calling-rule pack. Optional.
 * @param budget New spend limit. Optional.
 * @param allowedCarrierIds New carrier list; empty means any. Optional.
 * @param endsAt New end (UTC). Optional.
 * @param dialPolicy What the dialer enforces at dial time: windows, abandon limit, caller id, pacing caps. Optional.
 * @param budgetAlertPercents Shares of the budget, in percent, at which analytics raises an alert, e.g. [80, 100]. Optional.
 */
public record CampaignSettingsChanged(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        @OptionalField String name,
        @OptionalField DialMode dialMode,
        @OptionalField String rulePack,
        @OptionalField Money budget,
        @OptionalField List<String> allowedCarrierIds,
        @OptionalField Instant endsAt,
        @OptionalField DialPolicy dialPolicy,
        @OptionalField List<Integer> budgetAlertPercents) implements CampaignEvent {

    public static final String TYPE = "CampaignSettingsChanged";

    public CampaignSettingsChanged {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        budgetAlertPercents = budgetAlertPercents == null ? null
                : Require.list(budgetAlertPercents, "budgetAlertPercents", 0,
                        (percent, path) -> Require.between(percent, 1, 1000, path));
        Require.id(campaignId, "campaignId");
        if (name != null) {
            Require.text(name, "name");
        }
        if (rulePack != null) {
            Require.id(rulePack, "rulePack");
        }
        allowedCarrierIds = allowedCarrierIds == null ? null : Require.list(allowedCarrierIds, "allowedCarrierIds", 0, Require::id);
    }

    /**
     * A new {@code CampaignSettingsChanged} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CampaignSettingsChanged of(String tenantId,
            Instant occurredAt,
            String campaignId,
            String name,
            DialMode dialMode,
            String rulePack,
            Money budget,
            List<String> allowedCarrierIds,
            Instant endsAt,
            DialPolicy dialPolicy,
            List<Integer> budgetAlertPercents) {
        return new CampaignSettingsChanged(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, name, dialMode, rulePack, budget, allowedCarrierIds, endsAt,
                dialPolicy, budgetAlertPercents);
    }
}
