package io.waihu.bench.rating;

import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.Destination;
import io.waihu.billing.domain.rating.NumberNormalizer;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.events.NumberType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@link RatingEngine} on one core, against a 50,000-destination deck (see {@link RatingWorkload}).
 *
 * <ul>
 *   <li>{@code rate} / {@code rateAcrossTwoVersions}: a week of realistic calls, cycled, against one tariff version,
 *       or two where version 2 activates mid-week (calls after it, and calls crossing it, are priced by both);</li>
 *   <li>{@code normalizeAndLookup}, {@code normalizeOnly}, {@code lookupOnly}: the number normalisation
 *       (libphonenumber) and the longest-prefix lookup alone, on the same numbers, to show where the time goes;</li>
 *   <li>{@code rateOneMinuteCall} / {@code rateSeventyTwoHourCall}: one number, one answer time, 60 s against
 *       72 h, to show that the duration hardly matters (segments, not increments).</li>
 *   <li>{@code rateE164}: the calls of {@code rate} with the number in E.164, as CallEnded carries it; every number
 *       is still new to the engine's reading cache (65,527 distinct numbers, 16,384 cache entries);</li>
 *   <li>{@code rateRepeatedNumbers}: the same, with 1,024 distinct numbers: the cache-hit path (retries, quotes
 *       against every carrier, rerating); {@code normalizeE164Only}: libphonenumber on the E.164 form alone.</li>
 *   <li>{@code rateCarriedReading}: the pipeline's path since the hopper reads each number once: the calls of
 *       {@code rateE164} (every number new), each with the reading campaign-service's hopper put on DialRequested
 *       and the dialer copied to CallEnded (numberType, rangeCarrier); billing builds the reading from the event's
 *       fields and rates without libphonenumber. A call whose number has no reading (libphonenumber refuses it; the
 *       hopper then sends none) is rated as in {@code rateE164}.</li>
 * </ul>
 * Run with {@code -prof gc} and read {@code gc.alloc.rate.norm} for bytes per rating.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RatingBenchmark {

    /** Pre-generated calls; a power of two so the cursor wraps with a mask. */
    static final int CALLS = 1 << 16;
    private static final int MASK = CALLS - 1;
    /** Distinct numbers in {@code rateRepeatedNumbers}. */
    static final int REPEATED_NUMBERS = 1 << 10;

    /** Monday 2026-12-28, 10:00 in Shanghai (peak). */
    private static final Instant MONDAY_10_LOCAL = Instant.parse("2026-12-28T02:00:00Z");

    private final RatingEngine engine = new RatingEngine();
    private List<TariffVersion> oneVersion;
    private List<TariffVersion> twoVersions;
    private CallUsage[] calls;
    /** The same calls with the number as the dialler publishes it in CallEnded: E.164 (normalised once, in the setup). */
    private CallUsage[] e164Calls;
    /**
     * The same calls again, but with only {@link #REPEATED_NUMBERS} distinct numbers (E.164), as when one number is
     * rated several times (retries, quotes against every carrier, rerating).
     */
    private CallUsage[] repeatedNumberCalls;
    /** The calls' E.164 digits, normalised once, for the lookup-only benchmark. */
    private String[] digits;
    /** Per call of {@link #e164Calls}: the event's numberType (null: no reading) and rangeCarrier. */
    private NumberType[] carriedTypes;
    private String[] carriedOwners;
    private TariffVersion v1;
    private CallUsage oneMinute;
    private CallUsage seventyTwoHours;

    /** The position in {@link #calls}; one per benchmark thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & MASK;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        long started = System.nanoTime();
        RatingWorkload workload = new RatingWorkload();
        v1 = workload.v1;
        oneVersion = List.of(workload.v1);
        twoVersions = List.of(workload.v1, workload.v2);
        long deckMillis = (System.nanoTime() - started) / 1_000_000;
        calls = workload.calls(CALLS);
        digits = new String[CALLS];
        e164Calls = new CallUsage[CALLS];
        repeatedNumberCalls = new CallUsage[CALLS];
        for (int i = 0; i < CALLS; i++) {
            String e164 = NumberNormalizer.normalize(calls[i].number(), "CN").e164();
            digits[i] = e164.substring(1);
            e164Calls[i] = new CallUsage(e164, calls[i].startedAt(), calls[i].answeredAt(), calls[i].billableSeconds());
        }
        carriedTypes = new NumberType[CALLS];
        carriedOwners = new String[CALLS];
        for (int i = 0; i < CALLS; i++) {
            // what the hopper reads and the event carries; billing's own reading of an E.164 text is the same
            // (NumberReadingEquivalenceTest), so it stands in for the hopper's here
            try {
                NumberNormalizer.Normalized read = NumberNormalizer.normalize(e164Calls[i].number(), "CN");
                carriedTypes[i] = NumberType.valueOf(read.type());
                carriedOwners[i] = read.rangeCarrier();
            } catch (IllegalArgumentException refused) {
                carriedTypes[i] = null;
            }
        }
        for (int i = 0; i < CALLS; i++) {
            CallUsage c = calls[i];
            repeatedNumberCalls[i] = new CallUsage(e164Calls[i % REPEATED_NUMBERS].number(), c.startedAt(), c.answeredAt(),
                    c.billableSeconds());
        }
        // a mobile number on a 60/6 rate, answered at Monday 10:00 in Shanghai; 72 h crosses 6 band edges
        oneMinute = new CallUsage("13800138000", MONDAY_10_LOCAL.minusSeconds(10), MONDAY_10_LOCAL, 60);
        seventyTwoHours = new CallUsage("13800138000", MONDAY_10_LOCAL.minusSeconds(10), MONDAY_10_LOCAL, 72 * 3_600);
        report(workload, deckMillis);
    }

    /** What the workload is, printed once per fork so a run documents its own input. */
    private void report(RatingWorkload workload, long deckMillis) {
        System.out.printf("%n[workload] deck: %d destinations, %d rows per version, compiled x2 in %d ms; by class %s; "
                        + "prefix lengths %s; rate shapes %s; connect fee %d, min cost %d, max cost %d%n",
                v1.destinations().size(), workload.rowsV1.size(), deckMillis, RatingWorkload.byClass(v1),
                RatingWorkload.byLength(v1), workload.groupShapes, workload.withConnectFee, workload.withMinimumCost,
                workload.withMaximumCost);
        long unanswered = java.util.Arrays.stream(calls).filter(c -> c.answeredAt() == null).count();
        long[] p = RatingWorkload.percentiles(calls, 0.25, 0.5, 0.9, 0.99, 1.0);
        System.out.printf("[workload] calls: %d, unanswered %.1f%%; answered seconds p25 %d, median %d, p90 %d, p99 %d, max %d%n",
                calls.length, 100.0 * unanswered / calls.length, p[0], p[1], p[2], p[3], p[4]);
        Map<String, List<TariffVersion>> variants = new LinkedHashMap<>();
        variants.put("1 version", oneVersion);
        variants.put("2 versions", twoVersions);
        for (var entry : variants.entrySet()) {
            Map<String, Integer> outcomes = new TreeMap<>();
            Map<String, Integer> classes = new TreeMap<>();
            Map<Integer, Integer> segments = new TreeMap<>();
            for (CallUsage call : calls) {
                RatingOutcome outcome = engine.rate(call, entry.getValue());
                if (outcome instanceof RatedCall rated) {
                    outcomes.merge(rated.cost().signum() == 0 ? "rated, zero cost" : "rated", 1, Integer::sum);
                    classes.merge(rated.destinationClass().name(), 1, Integer::sum);
                    segments.merge(rated.segments().size(), 1, Integer::sum);
                } else {
                    outcomes.merge(((UnratedCall) outcome).reason().name(), 1, Integer::sum);
                }
            }
            System.out.printf("[workload] %s: outcomes %s; destination classes %s; segments per call %s%n",
                    entry.getKey(), outcomes, classes, segments);
        }
        System.out.printf("[workload] distinct numbers: %d as dialled, %d in E.164; rateRepeatedNumbers: %d%n",
                java.util.Arrays.stream(calls).map(CallUsage::number).distinct().count(),
                java.util.Arrays.stream(e164Calls).map(CallUsage::number).distinct().count(),
                java.util.Arrays.stream(repeatedNumberCalls).map(CallUsage::number).distinct().count());
        System.out.printf("[workload] rateCarriedReading: %d of %d calls carry a reading%n",
                java.util.Arrays.stream(carriedTypes).filter(java.util.Objects::nonNull).count(), carriedTypes.length);
        System.out.println("[workload] sample numbers: " + java.util.Arrays.stream(calls).limit(12)
                .map(CallUsage::number).toList());
    }

    @Benchmark
    public RatingOutcome rate(Cursor cursor) {
        return engine.rate(calls[cursor.advance()], oneVersion);
    }

    /** As {@code rate}, with the number in E.164 as the dialler sends it in CallEnded (what the pipeline rates). */
    @Benchmark
    public RatingOutcome rateE164(Cursor cursor) {
        return engine.rate(e164Calls[cursor.advance()], oneVersion);
    }

    /** As {@code rateE164}, with only 1,024 distinct numbers among the 65,536 calls. */
    @Benchmark
    public RatingOutcome rateRepeatedNumbers(Cursor cursor) {
        return engine.rate(repeatedNumberCalls[cursor.advance()], oneVersion);
    }

    /**
     * As {@code rateE164} (every number new), with the hopper's reading carried on the event: the reading is built
     * from the event's fields (as CallDetailRecordService does) and no libphonenumber runs.
     */
    @Benchmark
    public RatingOutcome rateCarriedReading(Cursor cursor) {
        int i = cursor.advance();
        CallUsage call = e164Calls[i];
        NumberType type = carriedTypes[i];
        return type == null ? engine.rate(call, oneVersion)
                : engine.rate(NumberNormalizer.carried(call.number(), type, carriedOwners[i]), call, oneVersion);
    }

    @Benchmark
    public RatingOutcome rateAcrossTwoVersions(Cursor cursor) {
        return engine.rate(calls[cursor.advance()], twoVersions);
    }

    /** What the engine does before any pricing: libphonenumber normalisation, then the longest-prefix match. */
    @Benchmark
    public Destination normalizeAndLookup(Cursor cursor) {
        return v1.match(NumberNormalizer.normalize(calls[cursor.advance()].number(), "CN").digits());
    }

    @Benchmark
    public NumberNormalizer.Normalized normalizeOnly(Cursor cursor) {
        return NumberNormalizer.normalize(calls[cursor.advance()].number(), "CN");
    }

    /** libphonenumber normalisation of the E.164 form alone. */
    @Benchmark
    public NumberNormalizer.Normalized normalizeE164Only(Cursor cursor) {
        return NumberNormalizer.normalize(e164Calls[cursor.advance()].number(), "CN");
    }

    /** The trie alone, on digits normalised in the setup. */
    @Benchmark
    public Destination lookupOnly(Cursor cursor) {
        return v1.match(digits[cursor.advance()]);
    }

    @Benchmark
    public RatingOutcome rateOneMinuteCall() {
        return engine.rate(oneMinute, oneVersion);
    }

    @Benchmark
    public RatingOutcome rateSeventyTwoHourCall() {
        return engine.rate(seventyTwoHours, oneVersion);
    }
}
