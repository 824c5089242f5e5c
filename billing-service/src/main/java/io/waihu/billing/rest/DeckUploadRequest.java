package io.waihu.billing.rest;

import io.waihu.billing.domain.rating.DeckRow;
import jakarta.validation.constraints.NotEmpty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Schema(name = "DeckUpload", description = "A new tariff version: one row per destination × band × rate group")
public record DeckUploadRequest(
        @Schema(description = "when the version takes effect; now when absent; never in the past") Instant effectiveFrom,
        @NotEmpty List<Row> rates) {

    /** Cells as in the CSV form; numbers may be JSON numbers or strings (strings keep every decimal). */
    @Schema(name = "DeckRow")
    public record Row(@Schema(example = "86138") String prefix, @Schema(example = "China Mobile 138") String destinationName,
                      @Schema(example = "MOBILE") String destinationClass, @Schema(example = "peak") String band,
                      @Schema(example = "0") String groupStartSeconds, @Schema(example = "0.1000") String rate,
                      @Schema(example = "60") String unitSeconds, @Schema(example = "60") String incrementSeconds,
                      @Schema(example = "0.05") String connectFee, String minimumBilledSeconds, String freeSeconds,
                      String minimumCost, String maximumCost, @Schema(example = "HALF_UP") String rounding,
                      @Schema(example = "4") String decimals) {
    }

    List<DeckRow> rows() {
        List<DeckRow> out = new ArrayList<>(rates.size());
        for (int i = 0; i < rates.size(); i++) {
            Row r = rates.get(i);
            if (r == null) {
                out.add(DeckRow.of(i + 1, new String[0]));
                continue;
            }
            out.add(DeckRow.of(i + 1, new String[]{r.prefix(), r.destinationName(), r.destinationClass(), r.band(),
                    r.groupStartSeconds(), r.rate(), r.unitSeconds(), r.incrementSeconds(), r.connectFee(),
                    r.minimumBilledSeconds(), r.freeSeconds(), r.minimumCost(), r.maximumCost(), r.rounding(), r.decimals()}));
        }
        return out;
    }
}
