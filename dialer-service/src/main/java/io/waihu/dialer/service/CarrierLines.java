package io.waihu.dialer.service;

import io.waihu.dialer.config.DialerConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Trunk limits per carrier: calls on the carrier at once, and calls started per second (sliding one-second window).
 * A carrier at a limit is skipped for the next one in the ranking.
 */
@ApplicationScoped
public class CarrierLines {

    private final DialerConfig.Carriers config;
    private final Map<String, Line> lines = new HashMap<>();

    public CarrierLines(DialerConfig config) {
        this.config = config.carriers();
    }

    private static final class Line {
        final int maxConcurrent;
        final int maxPerSecond;
        int busy;
        final Deque<Long> starts = new ArrayDeque<>();

        Line(int maxConcurrent, int maxPerSecond) {
            this.maxConcurrent = maxConcurrent;
            this.maxPerSecond = maxPerSecond;
        }
    }

    private Line line(String carrierId) {
        return lines.computeIfAbsent(carrierId, id -> {
            DialerConfig.Limit limit = config.limits().get(id);
            int concurrent = limit == null ? config.defaultMaxConcurrent() : limit.maxConcurrent().orElse(config.defaultMaxConcurrent());
            int perSecond = limit == null ? config.defaultMaxCallsPerSecond()
                    : limit.maxCallsPerSecond().orElse(config.defaultMaxCallsPerSecond());
            return new Line(concurrent, perSecond);
        });
    }

    /** Takes a line on the carrier if both limits allow; the caller must {@link #release} it when the call ends. */
    public synchronized boolean tryAcquire(String carrierId, long nowMillis) {
        Line line = line(carrierId);
        while (!line.starts.isEmpty() && line.starts.peekFirst() <= nowMillis - 1000) {
            line.starts.removeFirst();
        }
        if (line.busy >= line.maxConcurrent || line.starts.size() >= line.maxPerSecond) {
            return false;
        }
        line.busy++;
        line.starts.addLast(nowMillis);
        return true;
    }

    public synchronized void release(String carrierId) {
        Line line = lines.get(carrierId);
        if (line != null && line.busy > 0) {
            line.busy--;
        }
    }

    public synchronized int busy(String carrierId) {
        Line line = lines.get(carrierId);
        return line == null ? 0 : line.busy;
    }

    public synchronized int maxConcurrent(String carrierId) {
        return line(carrierId).maxConcurrent;
    }

    public synchronized int maxCallsPerSecond(String carrierId) {
        return line(carrierId).maxPerSecond;
    }
}
