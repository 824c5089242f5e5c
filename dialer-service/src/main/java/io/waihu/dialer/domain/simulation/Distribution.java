package io.waihu.dialer.domain.simulation;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A non-negative duration distribution in seconds: fixed, uniform, exponential or lognormal (given by its mean and
 * standard deviation, the usual way talk times are reported).
 */
public record Distribution(Kind kind, double a, double b) {

    public enum Kind { FIXED, UNIFORM, EXPONENTIAL, LOGNORMAL }

    public Distribution {
        if (!(a >= 0) || !(b >= 0)) {
            throw new IllegalArgumentException("distribution parameters must be >= 0");
        }
        if (kind == Kind.UNIFORM && b < a) {
            throw new IllegalArgumentException("uniform needs min <= max");
        }
    }

    public static Distribution fixed(double seconds) {
        return new Distribution(Kind.FIXED, seconds, 0);
    }

    public static Distribution uniform(double minSeconds, double maxSeconds) {
        return new Distribution(Kind.UNIFORM, minSeconds, maxSeconds);
    }

    public static Distribution exponential(double meanSeconds) {
        return new Distribution(Kind.EXPONENTIAL, meanSeconds, 0);
    }

    public static Distribution lognormal(double meanSeconds, double sdSeconds) {
        return new Distribution(Kind.LOGNORMAL, meanSeconds, sdSeconds);
    }

    public double mean() {
        return switch (kind) {
            case FIXED, EXPONENTIAL, LOGNORMAL -> a;
            case UNIFORM -> (a + b) / 2;
        };
    }

    public double sample(RandomGenerator rng) {
        return switch (kind) {
            case FIXED -> a;
            case UNIFORM -> a + (b - a) * rng.nextDouble();
            case EXPONENTIAL -> a == 0 ? 0 : -a * Math.log(1 - rng.nextDouble());
            case LOGNORMAL -> {
                if (a == 0) {
                    yield 0;
                }
                // mean m, sd s  ⇒  sigma² = ln(1 + s²/m²), mu = ln m − sigma²/2
                double sigma2 = Math.log(1 + (b * b) / (a * a));
                double mu = Math.log(a) - sigma2 / 2;
                yield Math.exp(mu + Math.sqrt(sigma2) * rng.nextGaussian());
            }
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> String.format(Locale.ROOT, "%.1f s", a);
            case UNIFORM -> String.format(Locale.ROOT, "U(%.1f, %.1f) s", a, b);
            case EXPONENTIAL -> String.format(Locale.ROOT, "Exp(mean %.1f s)", a);
            case LOGNORMAL -> String.format(Locale.ROOT, "LogN(mean %.1f s, sd %.1f s)", a, b);
        };
    }
}
