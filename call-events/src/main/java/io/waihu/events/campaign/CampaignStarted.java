package io.waihu.events.campaign;

import io.waihu.events.Money;
import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign started dialling with these settings.
 *
 * <p>Topic {@code campaign.campaign-events.v1}, key {@code campaignId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param campaignId The campaign; the Kafka key.
 * @param name Display name.
 * @param dialMode How the dialer paces it.
 * @param rulePack Calling-rule pack (calling windows, abandon limits), e.g. US, UK, CN.
 * @param budget Spend limit; absent means no limit. Optional.
 * @param allowedCarrierIds Carriers the dialer may route through; empty means any.
 * @param endsAt When dialling stops at the latest (UTC). Optional.
 * @param dialPolicy What the dialer enforces at dial time: windows, abandon limit, caller id, pacing caps. Optional.
 * @param budgetAlertPercents Shares of the budget, in percent, at which analytics raises an alert, e.g. [80, 100]. Optional.
 */
public record CampaignStarted(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String campaignId,
        String name,
        DialMode dialMode,
        String rulePack,
        @OptionalField Money budget,
        List<String> allowedCarrierIds,
        @OptionalField Instant endsAt,
        @OptionalField DialPolicy dialPolicy,
        @OptionalField List<Integer> budgetAlertPercents) implements CampaignEvent {

    public static final String TYPE = "CampaignStarted";

    public CampaignStarted {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        budgetAlertPercents = budgetAlertPercents == null ? null
                : Require.list(budgetAlertPercents, "budgetAlertPercents", 0,
                        (percent, path) -> Require.between(percent, 1, 1000, path));
        Require.id(campaignId, "campaignId");
        Require.text(name, "name");
        Require.present(dialMode, "dialMode");
        Require.id(rulePack, "rulePack");
        allowedCarrierIds = Require.list(allowedCarrierIds, "allowedCarrierIds", 0, Require::id);
    }

    /**
     * A new {@code CampaignStarted} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static CampaignStarted of(String tenantId,
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
        return new CampaignStarted(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, campaignId, name, dialMode, rulePack, budget, allowedCarrierIds, endsAt,
                dialPolicy, budgetAlertPercents);
    }
}
