package io.waihu.dialer.domain.pacing;

/**
 * The campaign's abandon accounting in its rule-pack window (30-day rolling per campaign in the US, calendar day in
 * the UK): live (human) answers, those abandoned (not connected to an agent within 2 s), and the legal limit.
 *
 * @param liveAnswers       calls answered by a person in the window (the denominator; machines excluded)
 * @param abandoned         of those, abandoned
 * @param limitBasisPoints  the limit, 300 = 3 %
 */
public record AbandonBudget(long liveAnswers, long abandoned, int limitBasisPoints) {

    public AbandonBudget {
        if (liveAnswers < 0 || abandoned < 0 || abandoned > liveAnswers) {
            throw new IllegalArgumentException("need 0 <= abandoned <= liveAnswers");
        }
        if (limitBasisPoints < 0 || limitBasisPoints >= 10_000) {
            throw new IllegalArgumentException("limitBasisPoints must be in [0, 10000)");
        }
    }

    public static AbandonBudget empty(int limitBasisPoints) {
        return new AbandonBudget(0, 0, limitBasisPoints);
    }

    public double limitFraction() {
        return limitBasisPoints / 10_000.0;
    }

    /** Abandon rate in the window as a fraction (0 when there were no live answers yet). */
    public double rate() {
        return liveAnswers == 0 ? 0.0 : (double) abandoned / liveAnswers;
    }

    /** Abandon rate in basis points, rounded down. */
    public int rateBasisPoints() {
        return liveAnswers == 0 ? 0 : (int) (abandoned * 10_000L / liveAnswers);
    }

    /** True when the rate is at or over the limit: no over-dialling is allowed at all. */
    public boolean exhausted() {
        return abandoned * 10_000L >= (long) limitBasisPoints * liveAnswers && (abandoned > 0 || limitBasisPoints == 0);
    }

    /** Abandons still allowed if no further live answer arrived: floor(limit · live) − abandoned (may be negative). */
    public long remainingAbandons() {
        return (long) limitBasisPoints * liveAnswers / 10_000L - abandoned;
    }

    /**
     * The most calls that may be <em>uncovered</em> (in flight or answered-and-waiting beyond the ready agents) so that
     * even if every call in flight were answered by a person and every uncovered one abandoned, the window rate would
     * stay within the limit. With r ready agents, w answered calls waiting, f calls in flight and K = w + f − r
     * uncovered, the worst case ends at (abandoned + K) / (live + f); requiring that ≤ limit L gives
     * K ≤ (L·(live + r − w) − abandoned) / (1 − L). A pacer that keeps K within this bound at every decision never
     * lets the window rate pass the limit (each later event keeps the inequality; see docs/pacing.md).
     * Answers 0 or more (0 = progressive only).
     */
    public long maxUncoveredCalls(int readyAgents, int liveWaiting) {
        long num = (long) limitBasisPoints * (liveAnswers + readyAgents - liveWaiting) - 10_000L * abandoned;
        if (num <= 0) {
            return 0;
        }
        return num / (10_000L - limitBasisPoints);
    }

    /** Text for decisions and metrics, e.g. "1.90% of 3.00% (12 of 632 live answers)". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%.2f%% of %.2f%% (%d of %d live answers)",
                rate() * 100, limitFraction() * 100, abandoned, liveAnswers);
    }
}
