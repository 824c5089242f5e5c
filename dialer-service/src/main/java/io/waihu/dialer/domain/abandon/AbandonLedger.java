package io.waihu.dialer.domain.abandon;

import io.waihu.events.campaign.AbandonWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Live answers and abandons of one campaign in 15-minute UTC buckets. Every IANA zone's offset is a multiple of
 * 15 minutes, so a calendar day in the rule pack's zone is exactly a run of buckets; a rolling 30 days starts at
 * the bucket holding "now − 30 days", so it may include up to 15 minutes more history than 30 days exactly.
 * The rate's denominator is live (human) answers only: machines, no-answers and busies never count.
 */
public final class AbandonLedger {

    public static final Duration BUCKET = Duration.ofMinutes(15);
    public static final Duration ROLLING = Duration.ofDays(30);

    private final NavigableMap<Instant, long[]> buckets = new TreeMap<>();

    public static Instant bucketOf(Instant at) {
        long minutes = at.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
        return Instant.ofEpochSecond((minutes - Math.floorMod(minutes, 15)) * 60);
    }

    /** Adds one call's outcome: a live answer, and whether it was abandoned. */
    public synchronized void record(Instant answeredAt, boolean abandoned) {
        add(bucketOf(answeredAt), 1, abandoned ? 1 : 0);
    }

    public synchronized void add(Instant bucketStart, long liveAnswers, long abandoned) {
        long[] counts = buckets.computeIfAbsent(bucketStart, k -> new long[2]);
        counts[0] += liveAnswers;
        counts[1] += abandoned;
    }

    /** When the window that holds {@code now} starts. */
    public static Instant windowStart(AbandonWindow window, ZoneId zone, Instant now) {
        return switch (window) {
            case ROLLING_30_DAYS -> bucketOf(now.minus(ROLLING));
            case CALENDAR_DAY -> now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        };
    }

    public synchronized Totals totals(AbandonWindow window, ZoneId zone, Instant now) {
        Instant from = windowStart(window, zone, now);
        long live = 0;
        long abandoned = 0;
        for (Map.Entry<Instant, long[]> e : buckets.tailMap(from, true).entrySet()) {
            if (e.getKey().isAfter(now)) {
                break;
            }
            live += e.getValue()[0];
            abandoned += e.getValue()[1];
        }
        return new Totals(from, live, abandoned);
    }

    /** Forgets everything (before it is rebuilt from the stored buckets). */
    public synchronized void clear() {
        buckets.clear();
    }

    /** Drops buckets no window can reach any more (older than the rolling window plus a day). */
    public synchronized void prune(Instant now) {
        buckets.headMap(bucketOf(now.minus(ROLLING).minus(Duration.ofDays(1))), false).clear();
    }

    /**
     * @param windowStart first instant counted
     * @param liveAnswers calls answered by a person (connected or abandoned)
     * @param abandoned of those, the ones no agent took within the limit
     */
    public record Totals(Instant windowStart, long liveAnswers, long abandoned) {

        /** Abandon rate in basis points (300 = 3.00%); 0 with no live answers yet. */
        public long rateBasisPoints() {
            return liveAnswers == 0 ? 0 : Math.floorDiv(abandoned * 10_000, liveAnswers);
        }

        /**
         * How many more abandons fit under the limit if the next {@code moreLiveAnswers} live answers come in:
         * floor(limit × (live + more) / 10000) − abandoned, never below 0.
         */
        public long headroom(int limitBasisPoints, long moreLiveAnswers) {
            long allowed = Math.floorDiv((liveAnswers + moreLiveAnswers) * limitBasisPoints, 10_000L);
            return Math.max(0, allowed - abandoned);
        }
    }
}
