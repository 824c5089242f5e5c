package io.waihu.campaign.rest;

import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.events.campaign.AbandonWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A new version of a tenant's own rule pack. */
public record RulePackRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1-64 letters, digits, '_', '.' or '-'") String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotEmpty @Size(max = 70) List<CampaignSettings.@Valid @NotNull WindowSpec> legalWindows,
        @NotNull @Min(0) @Max(10_000) Integer abandonLimitBasisPoints,
        @NotNull AbandonWindow abandonWindow,
        @NotBlank String abandonWindowZone,
        @Min(0) @Max(720) int noRedialAfterAbandonHours,
        boolean consentRequired) {
}
