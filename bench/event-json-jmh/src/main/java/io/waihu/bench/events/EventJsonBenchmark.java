package io.waihu.bench.events;

import io.waihu.events.NumberType;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.wire.EventJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Reading and writing {@code CallEnded}, the event every service consumes (billing rates it, campaign-service
 * schedules the retry, analytics folds it): {@code readCallEnded} is what a consumer does with each record
 * ({@code EventJson.readIfKnown} against the topic's {@code CallEvent} family, as {@code IncomingEvents} and
 * {@code IncomingBatches} do), {@code writeCallEnded} what the dialer's outbox does. 4,096 distinct events, as the
 * dialer writes them (answered calls with five instants, some with milliseconds; unanswered ones with two or three),
 * cycled. Run with {@code -prof gc} for bytes per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class EventJsonBenchmark {

    private static final int EVENTS = 4096;

    private final CallEnded[] events = new CallEnded[EVENTS];
    private final String[] json = new String[EVENTS];
    private int next;

    @Setup
    public void makeEvents() {
        SplittableRandom random = new SplittableRandom(20261127);
        Instant day = Instant.parse("2026-11-27T00:00:00Z");
        CallDisposition[] unanswered = {CallDisposition.NO_ANSWER, CallDisposition.BUSY, CallDisposition.FAILED};
        for (int i = 0; i < EVENTS; i++) {
            // a third of the dialer's instants come from a clock with milliseconds
            long setupMillis = random.nextLong(86_400_000L);
            Instant setupAt = day.plusMillis(random.nextInt(3) == 0 ? setupMillis : setupMillis / 1000 * 1000);
            Instant ringingAt = setupAt.plusSeconds(1 + random.nextInt(4));
            boolean answered = random.nextInt(10) < 4;
            Instant answeredAt = answered ? ringingAt.plusSeconds(2 + random.nextInt(20)) : null;
            long talk = answered ? random.nextInt(600) : 0;
            Instant endedAt = answered ? answeredAt.plusSeconds(talk) : ringingAt.plusSeconds(random.nextInt(30));
            String number = "+86" + (138_0000_0000L + random.nextLong(1_0000_0000L));
            CallEnded event = CallEnded.of("tenant-" + (i % 4), endedAt, "call-" + UUID.randomUUID(),
                    "campaign-" + (i % 20), "attempt-" + UUID.randomUUID(), "contact-" + UUID.randomUUID(), number,
                    "carrier-" + (i % 5), answered ? "agent-" + random.nextInt(50) : null,
                    answered ? CallDisposition.ANSWERED_HUMAN : unanswered[random.nextInt(unanswered.length)],
                    setupAt, ringingAt, answeredAt, endedAt, talk, false, answered ? "HUMAN" : null,
                    "Asia/Shanghai").withNumberReading(NumberType.MOBILE, "China Mobile");
            events[i] = event;
            json[i] = EventJson.write(event);
        }
    }

    @Benchmark
    public CallEvent readCallEnded() {
        return EventJson.readIfKnown(json[next++ & (EVENTS - 1)], CallEvent.class).orElseThrow();
    }

    @Benchmark
    public String writeCallEnded() {
        return EventJson.write(events[next++ & (EVENTS - 1)]);
    }
}
