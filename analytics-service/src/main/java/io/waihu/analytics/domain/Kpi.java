package io.waihu.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** The KPI arithmetic of docs/analytics.md, exact in decimals; a ratio over zero is null ("no data"), never 0 or NaN. */
public final class Kpi {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Kpi() {
    }

    /** part / whole × 100, two decimals, half-even. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return plain(BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN));
    }

    /** amount / count, four decimals, half-even: costs per attempt, connect, conversion, minute. */
    public static BigDecimal per(BigDecimal amount, long count) {
        if (count == 0) {
            return null;
        }
        return plain(amount.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_EVEN));
    }

    /** Average in seconds from milliseconds, three decimals. */
    public static BigDecimal seconds(long millis, long count) {
        if (count == 0) {
            return null;
        }
        return plain(BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(count * 1000L), 3, RoundingMode.HALF_EVEN));
    }

    /**
     * Nearest-rank percentile over a histogram: the smallest bucket whose cumulative count reaches ⌈p × n⌉.
     * Buckets are {@code [bucketMs, bucketMs + 10)}, so the answer is the lower edge, exact to 10 ms.
     */
    public static Long percentile(List<long[]> bucketsAscending, int p) {
        long n = 0;
        for (long[] b : bucketsAscending) {
            n += b[1];
        }
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (p * n + 99) / 100); // ⌈p × n / 100⌉ in integers: no floating-point edge
        long cumulative = 0;
        for (long[] b : bucketsAscending) {
            cumulative += b[1];
            if (cumulative >= rank) {
                return b[0];
            }
        }
        return bucketsAscending.get(bucketsAscending.size() - 1)[0];
    }

    public static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public static List<io.waihu.events.Money> money(Map<String, BigDecimal> byCurrency) {
        return byCurrency.entrySet().stream().map(e -> new io.waihu.events.Money(plain(e.getValue()), e.getKey())).toList();
    }
}
