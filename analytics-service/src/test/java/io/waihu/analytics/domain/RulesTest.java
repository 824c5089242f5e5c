package io.waihu.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void thresholdsAreReachedExactlyAtTheirShare() {
        assertThat(BudgetRule.reached(d("7.99"), d("10.00"), List.of(80, 100))).isEmpty();
        assertThat(BudgetRule.reached(d("8.00"), d("10.00"), List.of(80, 100))).containsExactly(80);
        assertThat(BudgetRule.reached(d("10"), d("10.00"), List.of(100, 80, 80, 150))).containsExactly(80, 100);
        assertThat(BudgetRule.exhausted(d("9.999999"), d("10"))).isFalse();
        assertThat(BudgetRule.exhausted(d("10.000000"), d("10"))).isTrue();
        assertThat(BudgetRule.exhausted(d("5"), d("0"))).isFalse();
    }

    @Test
    void percentilesAreNearestRank() {
        List<long[]> h = List.of(new long[]{800, 1}, new long[]{900, 1}, new long[]{1000, 1}, new long[]{1200, 1},
                new long[]{1500, 1}, new long[]{2000, 1});
        assertThat(Kpi.percentile(h, 50)).isEqualTo(1000);
        assertThat(Kpi.percentile(h, 95)).isEqualTo(2000);
        // 20 equal-weight buckets: p95 is the 19th, not the 20th (no floating-point ceil surprise)
        List<long[]> twenty = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            twenty.add(new long[]{i * 10L, 1});
        }
        assertThat(Kpi.percentile(twenty, 95)).isEqualTo(190);
        assertThat(Kpi.percentile(List.of(), 50)).isNull();
        assertThat(Kpi.percent(2, 3)).isEqualByComparingTo("66.67");
        assertThat(Kpi.percent(1, 0)).isNull();
        assertThat(Kpi.per(d("10.5"), 6)).isEqualTo(d("1.75"));
    }

    @Test
    void aSpikeStandsOutOfAFlatBaselineButNoiseDoesNot() {
        List<BigDecimal> baseline = new ArrayList<>(Collections.nCopies(12, d("2.00")));
        baseline.set(3, d("2.40"));
        baseline.set(7, d("1.70"));
        RobustSpike.Result spike = RobustSpike.evaluate(d("9.00"), baseline, d("3.5"), d("0.01"), d("1.00"));
        assertThat(spike.median()).isEqualByComparingTo("2.00");
        assertThat(spike.anomalous()).isTrue();
        assertThat(RobustSpike.evaluate(d("2.30"), baseline, d("3.5"), d("0.01"), d("1.00")).anomalous()).isFalse();
        // one wild hour in the baseline does not move the median: the next spike still counts
        baseline.set(0, d("40.00"));
        assertThat(RobustSpike.evaluate(d("9.00"), baseline, d("3.5"), d("0.01"), d("1.00")).anomalous()).isTrue();
    }
}
