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

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static long lcm(long a, long b) {
        return a / BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValueExact() * b;
    }
}
