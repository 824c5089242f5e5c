package io.waihu.dialer.domain.pacing;

/**
 * Tunables of the pacers. {@link #defaults()} is what the dialer uses unless a campaign overrides it.
 *
 * @param targetAbandonShareOfLimit  predictive aims its per-decision expected abandon share at this fraction of the
 *                                   campaign's limit (0.8 → 2.4 % for a 3 % limit) and steers it with the window rate
 * @param strictWorstCase            predictive never holds more calls in flight beyond ready agents than the abandon
 *                                   budget could absorb if every one of them were abandoned
 *                                   ({@link AbandonBudget#maxUncoveredCalls(int, int)}): the window rate can then never exceed
 *                                   the limit, at the price of progressive-like pacing while the window is young
 * @param priorAnswerRatio           human-answer ratio assumed before a campaign has history
 * @param priorWeightAttempts        how many attempts the prior is worth (Beta prior)
 * @param maxLinesPerAgent           hard ceiling on lines in use per logged-in agent (over-dial sanity cap)
 * @param agentlessMaxConcurrent     AGENTLESS concurrency when the campaign sets none
 * @param agentlessMaxCallsPerSecond AGENTLESS call rate when the campaign sets none
 */
public record PacingConfig(double targetAbandonShareOfLimit, boolean strictWorstCase, double priorAnswerRatio,
                           double priorWeightAttempts, double maxLinesPerAgent, int agentlessMaxConcurrent,
                           int agentlessMaxCallsPerSecond) {

    public PacingConfig {
        if (!(targetAbandonShareOfLimit >= 0 && targetAbandonShareOfLimit <= 1)) {
            throw new IllegalArgumentException("targetAbandonShareOfLimit must be in [0, 1]");
        }
        if (!(priorAnswerRatio > 0 && priorAnswerRatio <= 1) || !(priorWeightAttempts >= 0)) {
            throw new IllegalArgumentException("prior must be a ratio in (0, 1] with a weight >= 0");
        }
        if (!(maxLinesPerAgent >= 1) || agentlessMaxConcurrent < 1 || agentlessMaxCallsPerSecond < 1) {
            throw new IllegalArgumentException("caps must be >= 1");
        }
    }

    public static PacingConfig defaults() {
        return new PacingConfig(0.8, true, 0.25, 50, 8.0, 30, 10);
    }

    public PacingConfig withStrictWorstCase(boolean strict) {
        return new PacingConfig(targetAbandonShareOfLimit, strict, priorAnswerRatio, priorWeightAttempts,
                maxLinesPerAgent, agentlessMaxConcurrent, agentlessMaxCallsPerSecond);
    }

    public PacingConfig withTargetAbandonShareOfLimit(double share) {
        return new PacingConfig(share, strictWorstCase, priorAnswerRatio, priorWeightAttempts,
                maxLinesPerAgent, agentlessMaxConcurrent, agentlessMaxCallsPerSecond);
    }
}
