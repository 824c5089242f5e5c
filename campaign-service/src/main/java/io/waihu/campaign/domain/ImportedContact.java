package io.waihu.campaign.domain;

import java.util.List;
import java.util.Map;

/** One valid upload row, normalised: E.164 numbers, an IANA zone, a complete consent or none. */
public record ImportedContact(long line, String externalId, String name, List<Contact.ContactPhone> phones, String zone,
                              Map<String, String> attributes, Contact.ContactConsent consent) {
}
