package io.waihu.dialer.domain.agent;

import java.time.Instant;
import java.util.List;

/**
 * An agent of the desktop. {@code stateSince} of a READY agent is how long it has been idle: an answered call
 * goes to the READY agent of its campaign idle the longest.
 *
 * @param simulated the simulator plays this agent: after a call it wraps up for wrapSeconds (simulated) and
 * becomes READY by itself
 */
public record Agent(String tenantId, String agentId, String name, List<String> campaignIds, boolean simulated, int wrapSeconds,
                    AgentState state, Instant stateSince, String callId, Instant createdAt) {

    public Agent withState(AgentState next, Instant at, String call) {
        return new Agent(tenantId, agentId, name, campaignIds, simulated, wrapSeconds, next, at, call, createdAt);
    }

    public boolean serves(String campaignId) {
        return campaignIds.contains(campaignId);
    }
}
