package io.waihu.dialer.domain.pacing;

import java.util.LinkedHashMap;
import java.util.Map;

/** PREVIEW: the dialer never places a call on its own; the agent reviews the contact and asks for it. */
public final class PreviewPacer implements Pacer {

    @Override
    public PacingDecision decide(PacingSnapshot s) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("mode", s.mode().name());
        inputs.put("readyAgents", s.readyAgents());
        inputs.put("queuedRequests", s.queuedRequests());
        return new PacingDecision(0, "preview: no automatic calls, each agent asks for the next contact", inputs);
    }

    @Override
    public String name() {
        return "preview";
    }
}
