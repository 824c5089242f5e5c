package io.waihu.dialer.telephony;

import java.time.Instant;

/**
 * One call to send to a carrier.
 *
 * @param setupAt wall clock when the dialer sends it; the adapter reports later instants from here
 * @param calleeZone the zone the callee is judged to be in (the simulator's answer chance depends on local hour)
 * @param needsAgent true when a person answering must be bridged to an agent (not AGENTLESS)
 */
public record CallSetup(String callId, String number, String carrierId, String callerId, String calleeZone, Instant setupAt,
                        boolean needsAgent) {
}
