package io.waihu.events.dialer;

/**
 * How a call ended, from the network's and the dialer's point of view (business outcomes are in
 * OutcomeRecorded).
 */
public enum CallDisposition {
    ANSWERED_HUMAN, VOICEMAIL, BUSY, NO_ANSWER, FAILED, ABANDONED, REJECTED
}
