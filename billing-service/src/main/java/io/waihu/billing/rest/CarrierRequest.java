package io.waihu.billing.rest;

import io.waihu.billing.domain.CarrierKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CarrierRequest", description = "A carrier to create or the new state of one")
public record CarrierRequest(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes")
        @Schema(description = "short code, unique per tenant", example = "china-mobile")
        String code,
        @NotBlank @Size(max = 120)
        @Schema(example = "China Mobile")
        String name,
        @NotNull
        @Schema(example = "MOBILE_NETWORK")
        CarrierKind kind,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code")
        @Schema(description = "home country, ISO 3166 alpha-2", example = "CN")
        String country,
        @Min(0) @Max(1000)
        @Schema(description = "breaks cost ties in routing: higher wins", example = "10", defaultValue = "0")
        Integer weight,
        @Schema(defaultValue = "true")
        Boolean active) {
}
