package io.waihu.campaign.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * A business outcome an agent or the CRM can record for an attempt, with what it counts as.
 *
 * @param callback the contact asked to be called again: the contact is not done after this outcome
 */
public record DispositionDefinition(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}", message = "must be 1-40 upper-case letters, digits or _") String code,
        boolean contact, boolean rightPartyContact, boolean conversion, boolean optOut, boolean callback) {

    public static final List<DispositionDefinition> DEFAULTS = List.of(
            new DispositionDefinition("SALE", true, true, true, false, false),
            new DispositionDefinition("APPOINTMENT", true, true, true, false, false),
            new DispositionDefinition("CALLBACK", true, true, false, false, true),
            new DispositionDefinition("NOT_INTERESTED", true, true, false, false, false),
            new DispositionDefinition("WRONG_PARTY", true, false, false, false, false),
            new DispositionDefinition("LEFT_MESSAGE", false, false, false, false, false),
            new DispositionDefinition("DO_NOT_CALL", true, false, false, true, false));
}
