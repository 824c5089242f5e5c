package io.waihu.dialer.domain.pacing;

/**
 * Decides how many calls a campaign should place right now. Called once per pacing tick per running campaign (every
 * waihu.dialer.pacing-interval, 250 ms, in the dialer; every simulated second in the simulator). Implementations are pure functions of the snapshot, except the adaptive VICIdial
 * baseline which keeps its dial level between calls (one instance per campaign).
 */
public interface Pacer {

    PacingDecision decide(PacingSnapshot snapshot);

    /** Short name for metrics and reports, e.g. "predictive" or "fixed-ratio 1.4". */
    String name();
}
