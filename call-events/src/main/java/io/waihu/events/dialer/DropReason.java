package io.waihu.events.dialer;

/** Why the dialer did not place a requested call. */
public enum DropReason {
    /** The request's deadline passed before a line was free. */
    DEADLINE_PASSED,
    /** The callee's local time is outside the campaign's calling window (or on a blackout date). */
    OUTSIDE_WINDOW,
    /** The number or one of its prefixes is on a do-not-call list the dialer holds. */
    SUPPRESSED,
    /** The number was abandoned recently and the rule pack forbids redialling it yet. */
    ABANDON_COOL_OFF,
    /** No allowed carrier reaches the number. */
    NO_ROUTE,
    /** The campaign is not running in the dialer (unknown, paused or completed). */
    CAMPAIGN_NOT_RUNNING,
    /** Every allowed carrier that reaches the number failed. */
    CARRIERS_FAILED
}
