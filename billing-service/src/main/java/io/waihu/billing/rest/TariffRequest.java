package io.waihu.billing.rest;

import io.waihu.billing.domain.Tariff;
import io.waihu.billing.domain.rating.DayKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Schema(name = "TariffRequest", description = "A carrier's tariff: currency, zone, number region and band calendar")
public record TariffRequest(
        @NotNull UUID carrierId,
        @NotBlank @Size(max = 120) @Schema(example = "China Mobile standard 2026") String name,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as CNY") @Schema(example = "CNY") String currency,
        @NotBlank @Schema(description = "IANA zone the bands are read in", example = "Asia/Shanghai") String zone,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 region such as CN")
        @Schema(description = "region used to read national number formats (0…, 00…)", example = "CN") String defaultRegion,
        @NotEmpty @Valid List<BandRequest> bands,
        @Schema(description = "dates (in the tariff's zone) that take the HOLIDAY bands") List<LocalDate> holidays) {

    /** A band: [from, to) on the given days, "HH:mm", "24:00" for the end of the day. */
    public record BandRequest(
            @NotBlank @Schema(example = "peak") String name,
            @NotEmpty @Schema(example = "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]") Set<DayKind> days,
            @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm") @Schema(example = "08:00") String from,
            @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00", message = "must be HH:mm or 24:00") @Schema(example = "21:00") String to) {

        Tariff.Band toBand() {
            return new Tariff.Band(name, days, from, to);
        }
    }

    List<Tariff.Band> toBands() {
        return bands.stream().map(BandRequest::toBand).toList();
    }

    List<LocalDate> holidayList() {
        return holidays == null ? List.of() : holidays;
    }
}
