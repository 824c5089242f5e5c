package io.waihu.dialer.service;

import java.time.Instant;
import java.util.Map;

/**
 * Why a campaign is dialling N calls now, or none: the last pacing decision with its inputs.
 *
 * @param notDialingBecause set when something other than the pacer's arithmetic keeps the campaign from dialling
 * (not running, no dial policy, nothing queued)
 * @param inputs the pacer's own inputs and intermediate figures
 */
public record PacingView(String campaignId, String status, String dialMode, Instant decidedAt, String pacer, Integer callsToPlace,
                         String reason, String notDialingBecause, Integer readyAgents, Integer loggedInAgents, Integer callsInFlight,
                         Integer answeredWaitingForAgent, Integer queuedRequests, Double humanAnswerRate, Long liveAnswersInWindow,
                         Long abandonedInWindow, Integer abandonRateBasisPoints, Integer abandonLimitBasisPoints, Map<String, Object> inputs) {
}
