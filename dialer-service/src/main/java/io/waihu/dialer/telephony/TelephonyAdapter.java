package io.waihu.dialer.telephony;

import java.time.Duration;
import java.time.Instant;

/**
 * The port between the dialer and a telephone network. The simulator implements it in-process; a SIP-trunk adapter
 * (JAIN-SIP UAC, or Asterisk ARI originate) maps INVITE/180/200/BYE onto the same calls: {@link #place} sends the
 * INVITE, the listener gets 18x as ringing, 200 as answered, BYE/4xx-6xx as ended, a 5xx/timeout before any
 * provisional response as setupFailed.
 */
public interface TelephonyAdapter {

    void place(CallSetup setup, CallListener listener);

    /** Connects an answered call to an agent at this instant; the adapter reports the end later. */
    void bridge(String callId, String agentId, Instant at);

    /** Hangs up (an unbridged answer after the 2-second rule: disposition ABANDONED). */
    void hangUp(String callId, io.waihu.events.dialer.CallDisposition disposition, Instant at);

    /**
     * How many times faster than real time the adapter's clock runs (1 for a real network). The dialer waits
     * {@code simulated / timeFactor} of real time for things measured in call time, such as the 2-second rule.
     */
    double timeFactor();

    /** Real time to wait for a duration of call time. */
    default Duration realTime(Duration callTime) {
        return Duration.ofNanos((long) (callTime.toNanos() / timeFactor()));
    }
}
