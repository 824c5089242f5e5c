package io.waihu.dialer.domain.pacing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pacer's answer and why: how many calls to place now, a human-readable reason ("3 ready agents, 4 in flight,
 * answer rate 0.25 ⇒ dial 8; abandon 1.90% of 3.00%"), and the inputs and intermediate figures that led to it
 * (for metrics and the "why is campaign X dialing N" endpoint). Insertion order of {@code inputs} is kept.
 */
public record PacingDecision(int callsToPlace, String reason, Map<String, Object> inputs) {

    public PacingDecision {
        if (callsToPlace < 0) {
            throw new IllegalArgumentException("callsToPlace must be >= 0");
        }
        Objects.requireNonNull(reason, "reason");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
