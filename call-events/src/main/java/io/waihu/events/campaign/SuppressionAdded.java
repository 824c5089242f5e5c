package io.waihu.events.campaign;

import io.waihu.events.InvalidEventException;
import io.waihu.events.OptionalField;
import io.waihu.events.Require;
import io.waihu.events.WaihuEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A do-not-call entry is in force: one number, or every number under a prefix.
 *
 * <p>Topic {@code campaign.suppression-events.v1}, key {@code entryId}. Header fields: see {@link io.waihu.events.WaihuEvent}.
 *
 * @param entryId The entry; the Kafka key.
 * @param campaignId The campaign it applies to; absent means every campaign of the tenant. Optional.
 * @param digits The number's E.164 digits without '+', or the leading digits of a prefix.
 * @param prefixMatch True: every number starting with digits is suppressed; false: exactly that number.
 * @param expiresAt When the entry stops applying (UTC); absent means never. Optional.
 * @param source Where it came from, e.g. UPLOAD, API, CRM_OPT_OUT, OUTCOME_OPT_OUT.
 */
public record SuppressionAdded(
        UUID eventId,
        String type,
        Instant occurredAt,
        String tenantId,
        int schemaVersion,
        String entryId,
        @OptionalField String campaignId,
        String digits,
        boolean prefixMatch,
        @OptionalField Instant expiresAt,
        String source) implements SuppressionEvent {

    public static final String TYPE = "SuppressionAdded";

    public SuppressionAdded {
        Require.header(eventId, type, TYPE, occurredAt, tenantId, schemaVersion);
        Require.id(entryId, "entryId");
        if (campaignId != null) {
            Require.id(campaignId, "campaignId");
        }
        Require.digits(digits, "digits");
        if (digits.isEmpty()) {
            throw new InvalidEventException("digits", "must not be empty: it would suppress every number");
        }
        Require.id(source, "source");
    }

    /**
     * A new {@code SuppressionAdded} with a fresh eventId and schemaVersion {@value WaihuEvent#SCHEMA_VERSION}.
     *
     * @param occurredAt when it happened; null means now
     */
    public static SuppressionAdded of(String tenantId,
            Instant occurredAt,
            String entryId,
            String campaignId,
            String digits,
            boolean prefixMatch,
            Instant expiresAt,
            String source) {
        return new SuppressionAdded(UUID.randomUUID(), TYPE, Require.occurredAtOrNow(occurredAt), tenantId,
                SCHEMA_VERSION, entryId, campaignId, digits, prefixMatch, expiresAt, source);
    }
}
