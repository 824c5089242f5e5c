package io.waihu.dialer.telephony;

import io.waihu.events.dialer.AnsweredBy;
import io.waihu.events.dialer.CallDisposition;

import java.time.Instant;

/**
 * What a telephony adapter reports about a call, on any thread. The instants are the call's own (for the
 * simulator: setup wall clock plus simulated durations), not the time the callback runs.
 */
public interface CallListener {

    /** The carrier took the call (first provisional or final response that is not a failure). */
    void accepted(String callId, Instant placedAt);

    /** The carrier could not take the call; the dialer may try the next carrier. */
    void setupFailed(String callId, String carrierId, String cause, Instant at);

    void ringing(String callId, Instant at);

    /** Answered; a person's answer must be bridged to an agent in time (or hung up as abandoned). */
    void answered(String callId, Instant at, AnsweredBy answeredBy, String amdResult);

    /**
     * The call is over. Dispositions from the network: ANSWERED_HUMAN, VOICEMAIL, BUSY, NO_ANSWER, FAILED,
     * REJECTED; ABANDONED when the dialer hung up an unbridged answer.
     */
    void ended(String callId, CallDisposition disposition, Instant at);
}
