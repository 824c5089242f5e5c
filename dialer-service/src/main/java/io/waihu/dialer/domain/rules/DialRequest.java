package io.waihu.dialer.domain.rules;

import java.time.Instant;
import java.util.List;

/** A dial request as the queue holds it: one attempt the campaign released, to be placed or dropped. */
public record DialRequest(String tenantId, String attemptId, String campaignId, String contactId, String number,
                          List<String> calleeZones, Instant deadline, int attemptNumber, int priority, Instant receivedAt) {
}
