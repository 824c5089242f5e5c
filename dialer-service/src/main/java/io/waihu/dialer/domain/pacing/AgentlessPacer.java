package io.waihu.dialer.domain.pacing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AGENTLESS (IVR / message broadcast): no agents to protect, so no abandons by construction; the only limits are
 * concurrency and call rate (the campaign's, else the configured defaults) and the queued requests.
 */
public final class AgentlessPacer implements Pacer {

    private final PacingConfig config;

    public AgentlessPacer(PacingConfig config) {
        this.config = config;
    }

    @Override
    public PacingDecision decide(PacingSnapshot s) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("mode", s.mode().name());
        inputs.put("callsOnLines", s.callsOnLines());
        int maxConcurrent = s.maxConcurrentCalls() != null ? s.maxConcurrentCalls() : config.agentlessMaxConcurrent();
        int maxPerSecond = s.maxCallsPerSecond() != null ? s.maxCallsPerSecond() : config.agentlessMaxCallsPerSecond();
        int wanted = Math.max(0, maxConcurrent - s.callsOnLines());
        StringBuilder why = new StringBuilder();
        why.append("agentless: ").append(s.callsOnLines()).append(" of ").append(maxConcurrent)
                .append(" lines busy ⇒ dial ").append(wanted);
        int n = Caps.apply(s, wanted, maxConcurrent, maxPerSecond, inputs, why);
        return new PacingDecision(n, why.toString(), inputs);
    }

    @Override
    public String name() {
        return "agentless";
    }
}
