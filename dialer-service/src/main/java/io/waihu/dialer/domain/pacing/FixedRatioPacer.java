package io.waihu.dialer.domain.pacing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The VICIdial baseline, RATIO dial method (bin/AST_VDauto_dial.pl): goal = round(level × (READY + INCALL agents)),
 * calls to place = goal − existing calls, where existing calls are every call holding a line (ringing, answered and
 * waiting, or talking to an agent). Level 1.0 is progressive; above 1.0 it over-dials blindly, with no regard to the
 * abandon budget. Used only as a benchmark baseline and for campaigns that explicitly ask for a fixed ratio.
 */
public final class FixedRatioPacer implements Pacer {

    private final double level;

    public FixedRatioPacer(double level) {
        if (!(level >= 0)) {
            throw new IllegalArgumentException("dial level must be >= 0");
        }
        this.level = level;
    }

    public double level() {
        return level;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "fixed ratio %.1f", level);
    }

    @Override
    public PacingDecision decide(PacingSnapshot s) {
        return decideAt(level, s, new LinkedHashMap<>(), "fixed ratio");
    }

    /** Shared with the adaptive baseline, which only changes the level. */
    static PacingDecision decideAt(double level, PacingSnapshot s, Map<String, Object> inputs, String label) {
        int agents = s.readyAgents() + s.busyAgents();
        int goal = (int) Math.round(level * agents);
        int existing = s.callsOnLines();
        int wanted = Math.max(0, goal - existing);
        inputs.put("mode", s.mode().name());
        inputs.put("dialLevel", level);
        inputs.put("readyAgents", s.readyAgents());
        inputs.put("busyAgents", s.busyAgents());
        inputs.put("existingCalls", existing);
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "%s %.2f × %d ready+in-call agents = %d lines, %d in use ⇒ dial %d; abandon %s",
                label, level, agents, goal, existing, wanted, s.abandon().describe()));
        int n = Caps.apply(s, wanted, s.maxConcurrentCalls(), s.maxCallsPerSecond(), inputs, why);
        return new PacingDecision(n, why.toString(), inputs);
    }
}
