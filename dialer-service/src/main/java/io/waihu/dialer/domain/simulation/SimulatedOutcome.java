package io.waihu.dialer.domain.simulation;

import io.waihu.events.dialer.CallDisposition;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulated network and callee do with one call.
 *
 * @param disposition   ANSWERED_HUMAN, VOICEMAIL, BUSY, NO_ANSWER, REJECTED (the callee declined) or FAILED
 *                      (abandon is the dialer's doing, not the callee's)
 * @param postDialDelay INVITE to first ringing (180/183), or to the final busy/failure response when there is no ring
 * @param ringTime      ringing until answer (human or machine), until the callee declines (rejected), or until the
 *                      dialer's ring timeout (no answer); zero
 *                      for busy/failed
 * @param talkTime      how long the callee stays on once answered (for a person: the conversation if an agent takes
 *                      it; for a machine: the greeting + message); zero when not answered
 */
public record SimulatedOutcome(CallDisposition disposition, Duration postDialDelay, Duration ringTime,
                               Duration talkTime) {

    public SimulatedOutcome {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(postDialDelay, "postDialDelay");
        Objects.requireNonNull(ringTime, "ringTime");
        Objects.requireNonNull(talkTime, "talkTime");
    }

    /** INVITE to answer (or to the end of dialling when not answered). */
    public Duration timeToAnswerOrEnd() {
        return postDialDelay.plus(ringTime);
    }

    public boolean answered() {
        return disposition == CallDisposition.ANSWERED_HUMAN || disposition == CallDisposition.VOICEMAIL;
    }
}
