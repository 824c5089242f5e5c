package io.waihu.dialer.domain.rules;

import io.waihu.events.NumberType;

import java.time.Instant;
import java.util.List;

/**
 * A dial request as the queue holds it: one attempt the campaign released, to be placed or dropped.
 *
 * @param numberType libphonenumber's reading of the number from the DialRequested (null when it carried none); goes on
 *        the attempt's CallEnded
 * @param rangeCarrier the range owner from the same reading, or null
 */
public record DialRequest(String tenantId, String attemptId, String campaignId, String contactId, String number,
                          List<String> calleeZones, Instant deadline, int attemptNumber, int priority, Instant receivedAt,
                          NumberType numberType, String rangeCarrier) {

    /** A request without a reading of its number. */
    public DialRequest(String tenantId, String attemptId, String campaignId, String contactId, String number,
                       List<String> calleeZones, Instant deadline, int attemptNumber, int priority, Instant receivedAt) {
        this(tenantId, attemptId, campaignId, contactId, number, calleeZones, deadline, attemptNumber, priority, receivedAt, null, null);
    }
}
