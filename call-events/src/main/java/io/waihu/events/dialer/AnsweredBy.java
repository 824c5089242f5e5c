package io.waihu.events.dialer;

/**
 * Who answered, as answering-machine detection judged it.
 */
public enum AnsweredBy {
    HUMAN, MACHINE, UNKNOWN
}
