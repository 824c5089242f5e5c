package io.waihu.billing.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "TariffUpdateRequest", description = "New name and draft calendar; versions already uploaded keep theirs")
public record TariffUpdateRequest(@NotBlank @Size(max = 120) String name,
                                  @NotEmpty @Valid List<TariffRequest.BandRequest> bands,
                                  List<LocalDate> holidays) {
}
