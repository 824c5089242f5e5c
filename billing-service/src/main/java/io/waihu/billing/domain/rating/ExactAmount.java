package io.waihu.billing.domain.rating;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A non-negative amount kept as an exact fraction (decimal numerator over a whole denominator), so that
 * 0.10 per 60 s for 1 s stays 0.1/60 until the one rounding at the end.
 */
record ExactAmount(BigDecimal numerator, long denominator) {

    /** Decimals shown for a value that does not terminate; the rounding itself uses the exact fraction. */
    static final int DISPLAY_SCALE = 10;

    static final ExactAmount ZERO = new ExactAmount(BigDecimal.ZERO, 1);

    static ExactAmount of(BigDecimal value) {
        return new ExactAmount(value, 1);
    }

    static ExactAmount fraction(BigDecimal numerator, long denominator) {
        return new ExactAmount(numerator, denominator);
    }

    ExactAmount plus(ExactAmount other) {
        if (denominator == other.denominator) {
            return new ExactAmount(numerator.add(other.numerator), denominator);
        }
        long lcm = lcm(denominator, other.denominator);
        return new ExactAmount(numerator.multiply(BigDecimal.valueOf(lcm / denominator))
                .add(other.numerator.multiply(BigDecimal.valueOf(lcm / other.denominator))), lcm);
    }

    int compareTo(BigDecimal value) {
        return numerator.compareTo(value.multiply(BigDecimal.valueOf(denominator)));
    }

    BigDecimal rounded(int decimals, RoundingMode mode) {
        return numerator.divide(BigDecimal.valueOf(denominator), decimals, mode);
    }

    /** The value to {@link #DISPLAY_SCALE} decimals (half-even), trailing zeros dropped; rounding uses the fraction. */
    BigDecimal display() {
        return plain(numerator.divide(BigDecimal.valueOf(denominator), DISPLAY_SCALE, RoundingMode.HALF_EVEN));
    }

    // --- the same values with long arithmetic, for the hot path: each step is exact or throws ArithmeticException,
    // and the caller then takes the BigDecimal way above for the whole call.

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
            100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
            1_000_000_000_000_000_000L};

    /** 10^n for 0 ≤ n ≤ 18. @throws ArithmeticException outside that range */
    static long pow10(int n) {
        if (n < 0 || n >= POWERS_OF_TEN.length) {
            throw new ArithmeticException("10^" + n + " does not fit a long");
        }
        return POWERS_OF_TEN[n];
    }

    /**
     * {@code n / d} rounded to a whole number with {@code mode}, for n ≥ 0 and d > 0, as BigDecimal.divide rounds.
     * @throws ArithmeticException for a negative n, or a mode the rating methods do not use
     */
    static long divide(long n, long d, RoundingMode mode) {
        if (n < 0 || d <= 0) {
            throw new ArithmeticException("only non-negative amounts take the long way");
        }
        long q = n / d;
        long r = n % d;
        if (r == 0) {
            return q;
        }
        long rest = d - r; // compare r with d/2 as r against d - r, without overflow
        return switch (mode) {
            case DOWN -> q;
            case UP -> q + 1;
            case HALF_UP -> r >= rest ? q + 1 : q;
            case HALF_EVEN -> r > rest || (r == rest && (q & 1) == 1) ? q + 1 : q;
            default -> throw new ArithmeticException("rounding mode " + mode + " takes the BigDecimal way");
        };
    }

    /** {@code num / den} shown as {@link #display()} shows it: to 10 decimals, half-even, trailing zeros dropped. */
    static BigDecimal display(long num, long den) {
        return plain(divide(Math.multiplyExact(num, pow10(DISPLAY_SCALE)), den, RoundingMode.HALF_EVEN), DISPLAY_SCALE);
    }

    /** {@code unscaled × 10^-scale} with trailing zeros dropped down to scale 0, as {@link #plain(BigDecimal)}. */
    static BigDecimal plain(long unscaled, int scale) {
        while (scale >= 4 && unscaled % 10_000 == 0) { // four zeros at a time: most values shown end in many
            unscaled /= 10_000;
            scale -= 4;
        }
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static long lcm(long a, long b) {
        return a / BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValueExact() * b;
    }
}
