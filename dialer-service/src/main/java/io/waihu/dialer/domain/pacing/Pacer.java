package io.waihu.dialer.domain.pacing;

/**
 * Decides how many calls a campaign should place right now. Called about once a second per running campaign (and
 * on agent/call state changes). Implementations are pure functions of the snapshot, except the adaptive VICIdial
 * baseline which keeps its dial level between calls (one instance per campaign).
 */
public interface Pacer {

    PacingDecision decide(PacingSnapshot snapshot);

    /** Short name for metrics and reports, e.g. "predictive" or "fixed-ratio 1.4". */
    String name();
}
