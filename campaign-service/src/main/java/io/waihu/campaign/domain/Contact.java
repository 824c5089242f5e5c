package io.waihu.campaign.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person a campaign may call, as the CRM or an upload described them. */
public record Contact(UUID id, String tenantId, String externalId, String listId, String name, List<ContactPhone> phones,
                      String zoneOverride, Map<String, String> attributes, ContactConsent consent, ContactStatus status,
                      Instant lastEventAt, Instant updatedAt) {

    /** An E.164 number and what kind of line it is (MOBILE, HOME, WORK, OTHER). */
    public record ContactPhone(String number, String type) {
    }

    /** The legal basis for calling, when and where it was given. */
    public record ContactConsent(String basis, Instant grantedAt, String source) {
    }
}
