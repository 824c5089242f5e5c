package io.waihu.dialer.domain.agent;

import io.waihu.dialer.domain.agent.AgentState.Actor;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static io.waihu.dialer.domain.agent.AgentState.LOGGED_OUT;
import static io.waihu.dialer.domain.agent.AgentState.ON_CALL;
import static io.waihu.dialer.domain.agent.AgentState.PAUSED;
import static io.waihu.dialer.domain.agent.AgentState.READY;
import static io.waihu.dialer.domain.agent.AgentState.RESERVED;
import static io.waihu.dialer.domain.agent.AgentState.WRAP_UP;
import static org.assertj.core.api.Assertions.assertThat;

class AgentStateTest {

    static Set<AgentState> targets(AgentState from, Actor actor) {
        Set<AgentState> out = EnumSet.noneOf(AgentState.class);
        for (AgentState to : AgentState.values()) {
            if (from.canMoveTo(to, actor)) {
                out.add(to);
            }
        }
        return out;
    }

    @Test
    void theDesktopMovesBetweenLoginPauseReadyAndOutOfWrapUp() {
        assertThat(targets(LOGGED_OUT, Actor.DESKTOP)).containsExactlyInAnyOrder(READY, PAUSED);
        assertThat(targets(READY, Actor.DESKTOP)).containsExactlyInAnyOrder(PAUSED, LOGGED_OUT);
        assertThat(targets(PAUSED, Actor.DESKTOP)).containsExactlyInAnyOrder(READY, LOGGED_OUT);
        assertThat(targets(WRAP_UP, Actor.DESKTOP)).containsExactlyInAnyOrder(READY, PAUSED, LOGGED_OUT);
        // a call in progress is the dialer's: the desktop cannot leave it or enter it
        assertThat(targets(RESERVED, Actor.DESKTOP)).isEmpty();
        assertThat(targets(ON_CALL, Actor.DESKTOP)).isEmpty();
        assertThat(READY.canMoveTo(ON_CALL, Actor.DESKTOP)).isFalse();
        assertThat(READY.canMoveTo(READY, Actor.DESKTOP)).isFalse();
    }

    @Test
    void theDialerReservesBridgesAndWrapsUp() {
        assertThat(targets(READY, Actor.DIALER)).containsExactly(RESERVED);
        assertThat(targets(RESERVED, Actor.DIALER)).containsExactlyInAnyOrder(ON_CALL, READY);
        assertThat(targets(ON_CALL, Actor.DIALER)).containsExactly(WRAP_UP);
        assertThat(targets(WRAP_UP, Actor.DIALER)).containsExactly(READY);
        // the dialer never takes a paused or logged-out agent
        assertThat(targets(PAUSED, Actor.DIALER)).isEmpty();
        assertThat(targets(LOGGED_OUT, Actor.DIALER)).isEmpty();
    }

    @Test
    void everyStateCanBeLeftAndAPausedAgentIsLoggedIn() {
        for (AgentState s : AgentState.values()) {
            assertThat(targets(s, Actor.DESKTOP).size() + targets(s, Actor.DIALER).size()).as(s.name()).isPositive();
        }
        assertThat(PAUSED.loggedIn()).isTrue();
        assertThat(LOGGED_OUT.loggedIn()).isFalse();
    }
}
