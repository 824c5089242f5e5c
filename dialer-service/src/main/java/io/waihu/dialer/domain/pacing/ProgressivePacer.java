package io.waihu.dialer.domain.pacing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PROGRESSIVE (power 1:1): one call per ready agent not already covered by a call in flight or an answered call
 * waiting. A live answer always finds an agent, so this mode never abandons.
 */
public final class ProgressivePacer implements Pacer {

    @Override
    public PacingDecision decide(PacingSnapshot s) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("mode", s.mode().name());
        inputs.put("readyAgents", s.readyAgents());
        inputs.put("callsInFlight", s.callsInFlight());
        inputs.put("liveWaiting", s.liveWaiting());
        int wanted = Math.max(0, s.readyAgents() - s.callsInFlight() - s.liveWaiting());
        StringBuilder why = new StringBuilder();
        why.append(PredictivePacer.readyAgents(s.readyAgents())).append(", ").append(s.callsInFlight()).append(" in flight");
        if (s.liveWaiting() > 0) {
            why.append(", ").append(s.liveWaiting()).append(" answered waiting");
        }
        why.append(" ⇒ dial ").append(wanted).append(" (one per uncovered ready agent)");
        int n = Caps.apply(s, wanted, s.maxConcurrentCalls(), s.maxCallsPerSecond(), inputs, why);
        return new PacingDecision(n, why.toString(), inputs);
    }

    @Override
    public String name() {
        return "progressive";
    }
}
