package io.waihu.dialer.domain.pacing;

import java.util.Map;

/** The limits every mode obeys after it has decided what it wants: queued requests, concurrency, calls per second. */
final class Caps {

    private Caps() {
    }

    /** The capped count, recording each binding cap in {@code inputs} and {@code why}. */
    static int apply(PacingSnapshot s, int wanted, Integer maxConcurrent, Integer maxPerSecond,
                     Map<String, Object> inputs, StringBuilder why) {
        int n = Math.max(0, wanted);
        if (maxConcurrent != null) {
            int room = Math.max(0, maxConcurrent - s.callsOnLines());
            inputs.put("maxConcurrentCalls", maxConcurrent);
            if (n > room) {
                n = room;
                why.append("; capped at ").append(maxConcurrent).append(" concurrent calls");
            }
        }
        if (maxPerSecond != null) {
            int room = Math.max(0, maxPerSecond - s.callsStartedLastSecond());
            inputs.put("maxCallsPerSecond", maxPerSecond);
            inputs.put("callsStartedLastSecond", s.callsStartedLastSecond());
            if (n > room) {
                n = room;
                why.append("; capped at ").append(maxPerSecond).append(" calls/s");
            }
        }
        inputs.put("queuedRequests", s.queuedRequests());
        if (n > s.queuedRequests()) {
            n = s.queuedRequests();
            why.append("; only ").append(s.queuedRequests()).append(" dial requests queued");
        }
        return n;
    }
}
