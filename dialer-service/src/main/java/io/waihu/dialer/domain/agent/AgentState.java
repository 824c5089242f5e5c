package io.waihu.dialer.domain.agent;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An agent's desktop state. The agent (or a supervisor) moves between LOGGED_OUT, READY, PAUSED and out of
 * WRAP_UP; RESERVED and ON_CALL belong to the dialer, which reserves a READY agent for an answered call and
 * bridges it, and puts the agent in WRAP_UP when the call ends.
 */
public enum AgentState {
    LOGGED_OUT, READY, RESERVED, ON_CALL, WRAP_UP, PAUSED;

    /** Who asks for a change: the desktop (REST) or the dialer itself. */
    public enum Actor { DESKTOP, DIALER }

    private static final Map<AgentState, Set<AgentState>> DESKTOP = Map.of(
            LOGGED_OUT, EnumSet.of(READY, PAUSED),
            READY, EnumSet.of(PAUSED, LOGGED_OUT),
            RESERVED, EnumSet.noneOf(AgentState.class),
            ON_CALL, EnumSet.noneOf(AgentState.class),
            WRAP_UP, EnumSet.of(READY, PAUSED, LOGGED_OUT),
            PAUSED, EnumSet.of(READY, LOGGED_OUT));

    private static final Map<AgentState, Set<AgentState>> DIALER = Map.of(
            LOGGED_OUT, EnumSet.noneOf(AgentState.class),
            READY, EnumSet.of(RESERVED),
            // a reservation ends in a bridge, or is released when the caller hung up first
            RESERVED, EnumSet.of(ON_CALL, READY),
            ON_CALL, EnumSet.of(WRAP_UP),
            // a simulated agent finishes its wrap-up by itself
            WRAP_UP, EnumSet.of(READY),
            PAUSED, EnumSet.noneOf(AgentState.class));

    public boolean canMoveTo(AgentState target, Actor actor) {
        return (actor == Actor.DESKTOP ? DESKTOP : DIALER).get(this).contains(target);
    }

    /** Logged in and taking part in the campaign (counted by pacing as staffed). */
    public boolean loggedIn() {
        return this != LOGGED_OUT;
    }
}
