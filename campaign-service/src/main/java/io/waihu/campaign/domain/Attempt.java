package io.waihu.campaign.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One dial request released for a contact, and what became of it. */
public record Attempt(UUID id, String tenantId, UUID campaignId, UUID contactId, String number, List<String> calleeZones,
                      int attemptNumber, int priority, String rulePackId, int rulePackVersion, String status,
                      Instant requestedAt, Instant deadline, String callId, String carrierId, String agentId,
                      String disposition, Boolean abandoned, Instant setupAt, Instant answeredAt, Instant endedAt,
                      Long billableSeconds, String dropReason, String dropDetail, Instant nextAttemptAt,
                      String outcome, String outcomeNote, String outcomeBy, Instant outcomeAt) {
}
