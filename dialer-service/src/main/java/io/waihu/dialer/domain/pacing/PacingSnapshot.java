package io.waihu.dialer.domain.pacing;

import io.waihu.events.campaign.DialMode;

import java.time.Instant;
import java.util.Objects;

/**
 * What the pacer sees for one campaign at one instant. Counts are taken at {@code now}; the pacer is stateless
 * apart from the adaptive VICIdial baseline, so everything it needs must be here.
 *
 * @param loggedInAgents         agents logged in to the campaign (ready + busy + wrap-up + paused)
 * @param readyAgents            agents idle and waiting for a call
 * @param busyAgents             agents ON_CALL or RESERVED for a call being placed
 * @param wrapUpAgents           agents in after-call work
 * @param callsInFlight          calls placed but not yet answered or ended
 * @param liveWaiting            calls answered by a person and waiting for an agent (abandoned after 2 s)
 * @param queuedRequests         DialRequested waiting to be placed (the pacer never asks for more than this)
 * @param maxConcurrentCalls     campaign cap on calls in flight + connected, or null for none
 * @param maxCallsPerSecond      campaign cap on new calls per second, or null for none
 * @param callsStartedLastSecond calls placed in the last second (for the per-second cap)
 */
public record PacingSnapshot(Instant now, DialMode mode,
                             int loggedInAgents, int readyAgents, int busyAgents, int wrapUpAgents,
                             int callsInFlight, int liveWaiting, int queuedRequests,
                             AnswerStats stats, AbandonBudget abandon,
                             Integer maxConcurrentCalls, Integer maxCallsPerSecond, int callsStartedLastSecond) {

    public PacingSnapshot {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(abandon, "abandon");
        if (loggedInAgents < 0 || readyAgents < 0 || busyAgents < 0 || wrapUpAgents < 0 || callsInFlight < 0
                || liveWaiting < 0 || queuedRequests < 0 || callsStartedLastSecond < 0) {
            throw new IllegalArgumentException("pacing counts must not be negative");
        }
    }

    /** Calls that currently hold a line: in flight, answered and waiting, or connected to an agent. */
    public int callsOnLines() {
        return callsInFlight + liveWaiting + busyAgents;
    }
}
