package io.waihu.billing.domain.rating;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Minimum and maximum cost per call must sit on the grid the call's cost is rounded to. */
class DeckCostLimitsTest {

    private static DeckRow row(String minimumCost, String maximumCost, String rounding, String decimals) {
        return new DeckRow(2, "86", "China", "NATIONAL", "all", "0", "0.10", "60", "6", "", "", "", minimumCost,
                maximumCost, rounding, decimals);
    }

    private static List<DeckError> errors(DeckRow row) {
        return DeckCompiler.compile(List.of(row), Set.of("all")).errors();
    }

    @Test
    void aLimitFinerThanTheRoundingIsRefusedNamingItsColumn() {
        // a cap of 0.12345 rounded UP to 4 decimals would charge 0.1235, above the cap
        assertThat(errors(row("", "0.12345", "UP", "4"))).containsExactly(new DeckError(2, "maximumCost",
                "has more decimals than the 4 the call's cost is rounded to, so a rounded cost could pass it; got 0.12345"));
        // a minimum of 0.005 rounded DOWN to 2 decimals would charge 0.00, below the minimum
        assertThat(errors(row("0.005", "", "DOWN", "2"))).extracting(DeckError::column).containsExactly("minimumCost");
        // the default is 4 decimals
        assertThat(errors(row("0.00001", "", "", ""))).extracting(DeckError::column).containsExactly("minimumCost");
    }

    @Test
    void aDeckStoredBeforeTheRuleStillLoads() {
        DeckCompiler.Result stored = DeckCompiler.compileStored(List.of(row("", "0.12345", "UP", "4")), Set.of("all"));

        assertThat(stored.errors()).isEmpty();
        assertThat(stored.destinations()).hasSize(1);
    }

    @Test
    void aLimitOnTheGridIsAcceptedTrailingZerosIncluded() {
        assertThat(errors(row("0.05", "0.1234", "UP", "4"))).isEmpty();
        assertThat(errors(row("0.1000", "1.20000", "HALF_EVEN", "2"))).isEmpty();
        assertThat(errors(row("1", "5", "DOWN", "0"))).isEmpty();
    }
}
