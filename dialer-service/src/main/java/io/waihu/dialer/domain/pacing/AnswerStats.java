package io.waihu.dialer.domain.pacing;

/**
 * What recent calls of a campaign looked like, observed over a recent window (e.g. the last few hundred attempts).
 * When the window is still small the pacer blends it with {@link #defaults()} (a Beta-style prior), so a new
 * campaign starts from sensible numbers rather than from zero.
 *
 * @param attempts           calls that finished dialling (answered or not) in the window
 * @param humanAnswers       of those, answered by a person
 * @param machineAnswers     of those, answered by an answering machine / voicemail
 * @param meanRingSeconds    mean time from placing a call to a human answer (post-dial delay + ringing)
 * @param meanNoAnswerSeconds mean time a call that does NOT reach a person stays in flight (no answer, busy,
 *                           failed, machine): with {@link #meanRingSeconds} this gives the share of calls in flight
 *                           that will still turn into live answers (older unanswered calls are mostly duds)
 * @param meanTalkSeconds    mean talk time of a connected call
 * @param meanWrapSeconds    mean after-call work
 */
public record AnswerStats(long attempts, long humanAnswers, long machineAnswers, double meanRingSeconds,
                          double meanNoAnswerSeconds, double meanTalkSeconds, double meanWrapSeconds) {

    /** Prior used until a campaign has its own history: the dialer-notes reference numbers. */
    public static AnswerStats defaults() {
        return new AnswerStats(0, 0, 0, 12.0, 20.0, 90.0, 15.0);
    }

    public AnswerStats {
        if (attempts < 0 || humanAnswers < 0 || machineAnswers < 0 || humanAnswers + machineAnswers > attempts) {
            throw new IllegalArgumentException("answer counts must be 0 <= human + machine <= attempts");
        }
        if (!(meanRingSeconds >= 0) || !(meanNoAnswerSeconds >= 0) || !(meanTalkSeconds >= 0) || !(meanWrapSeconds >= 0)) {
            throw new IllegalArgumentException("mean times must be >= 0");
        }
    }

    /** Observed human-answer ratio, or NaN when nothing was observed yet. */
    public double humanAnswerRatio() {
        return attempts == 0 ? Double.NaN : (double) humanAnswers / attempts;
    }

    /**
     * Human-answer probability with a Beta prior worth {@code priorWeight} attempts at {@code priorRatio}:
     * (h + w·p0) / (n + w). Keeps the first few calls of a campaign from swinging the pacing wildly.
     */
    public double humanAnswerProbability(double priorRatio, double priorWeight) {
        double p = (humanAnswers + priorWeight * priorRatio) / (attempts + priorWeight);
        return Math.max(0.0, Math.min(1.0, p));
    }

    /** Mean handle time (talk + wrap) of one connected call. */
    public double meanHandleSeconds() {
        return meanTalkSeconds + meanWrapSeconds;
    }
}
