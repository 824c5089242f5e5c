package io.waihu.events.crm;

import io.waihu.events.Require;

import java.time.Instant;

/**
 * The legal basis the CRM holds for calling the contact.
 *
 * @param basis Basis as the CRM names it, e.g. EXPRESS_CONSENT or EXISTING_CUSTOMER.
 * @param grantedAt When consent was given (UTC).
 * @param source Where it was given, e.g. a web form or a recorded call id.
 */
public record Consent(
        String basis,
        Instant grantedAt,
        String source) {

    public Consent {
        Require.id(basis, "basis");
        Require.present(grantedAt, "grantedAt");
        Require.id(source, "source");
    }
}
