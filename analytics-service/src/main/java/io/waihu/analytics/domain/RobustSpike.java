package io.waihu.analytics.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Modified z-score of an hour's spend against its own recent hours (Iglewicz and Hoaglin): 0.6745 × (x − median) / MAD.
 * Median and MAD ignore a few wild hours in the baseline, which a mean and standard deviation would not.
 */
public final class RobustSpike {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal K = new BigDecimal("0.6745");

    public record Result(BigDecimal median, BigDecimal mad, BigDecimal score, boolean anomalous) {
    }

    private RobustSpike() {
    }

    /**
     * @param madFloor smallest MAD used, so a flat baseline (MAD 0) does not make every cent a spike
     * @param minExcess observed must exceed the median by at least this much
     */
    public static Result evaluate(BigDecimal observed, List<BigDecimal> baseline, BigDecimal threshold,
                                  BigDecimal madFloor, BigDecimal minExcess) {
        BigDecimal median = median(baseline);
        List<BigDecimal> deviations = new ArrayList<>(baseline.size());
        for (BigDecimal b : baseline) {
            deviations.add(b.subtract(median).abs());
        }
        BigDecimal mad = median(deviations);
        BigDecimal effective = mad.max(madFloor).max(median.multiply(new BigDecimal("0.05"), MC));
        BigDecimal score = K.multiply(observed.subtract(median), MC).divide(effective, MC).setScale(2, RoundingMode.HALF_EVEN);
        boolean anomalous = score.compareTo(threshold) >= 0 && observed.subtract(median).compareTo(minExcess) >= 0;
        return new Result(median, mad, score, anomalous);
    }

    public static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }
}
