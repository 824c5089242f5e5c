package io.waihu.platform.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.waihu.events.Topics;
import io.waihu.events.campaign.SuppressionEvent;
import io.waihu.events.campaign.SuppressionRemoved;
import io.waihu.events.wire.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch consumer's contract: the good records of a poll are applied, only the bad ones are dead-lettered. */
class IncomingBatchesTest {

    static final String TOPIC = Topics.SUPPRESSION_EVENTS;

    /** Keeps the letters instead of sending them. */
    static final class KeptLetters extends DeadLetters {
        final List<String> reasons = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();

        KeptLetters() {
            super("unused:9092", "test-service", new SimpleMeterRegistry());
        }

        @Override
        public Uni<Void> send(ConsumerRecord<String, String> record, Throwable cause) {
            offsets.add(record.offset());
            reasons.add(cause.getMessage());
            return Uni.createFrom().voidItem();
        }
    }

    final KeptLetters letters = new KeptLetters();
    final List<List<String>> calls = new ArrayList<>();

    static SuppressionRemoved removed(String entry) {
        return SuppressionRemoved.of("tenant-a", null, entry);
    }

    static ConsumerRecord<String, String> record(long offset, String key, String value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, key, value);
    }

    static ConsumerRecord<String, String> record(long offset, SuppressionRemoved event) {
        return record(offset, event.entryId(), EventJson.write(event));
    }

    Uni<Void> handle(List<ConsumerRecord<String, String>> records, java.util.function.Function<List<SuppressionEvent>, Uni<?>> apply) {
        return IncomingBatches.handle(records, SuppressionEvent.class, letters, events -> {
            calls.add(events.stream().map(e -> ((SuppressionRemoved) e).entryId()).toList());
            return apply.apply(events);
        });
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAloneAndTheOthersAreAppliedTogether() {
        String otherType = EventJson.write(removed("e-9")).replace("\"SuppressionRemoved\"", "\"SuppressionRenamed\"");
        List<ConsumerRecord<String, String>> poll = List.of(
                record(10, removed("e-1")),
                record(11, "e-2", "{not json"),
                record(12, "e-3", ""),
                record(13, "someone-else", EventJson.write(removed("e-4"))),
                record(14, "e-9", otherType),
                record(15, removed("e-5")));

        handle(poll, events -> Uni.createFrom().voidItem()).await().indefinitely();

        assertThat(calls).containsExactly(List.of("e-1", "e-5"));
        assertThat(letters.offsets).containsExactly(11L, 12L, 13L);
        assertThat(letters.reasons.get(2)).contains("record key 'someone-else' differs");
    }

    @Test
    void anEventRefusedInsideTheBatchIsDeadLetteredAndTheRestAppliedOneByOneInOrder() {
        List<ConsumerRecord<String, String>> poll = List.of(record(1, removed("e-1")), record(2, removed("e-2")), record(3, removed("e-3")));

        handle(poll, events -> events.stream().anyMatch(e -> ((SuppressionRemoved) e).entryId().equals("e-2"))
                ? Uni.createFrom().failure(new IllegalArgumentException("entry e-2 refused"))
                : Uni.createFrom().voidItem()).await().indefinitely();

        assertThat(calls).containsExactly(List.of("e-1", "e-2", "e-3"), List.of("e-1"), List.of("e-2"), List.of("e-3"));
        assertThat(letters.offsets).containsExactly(2L);
        assertThat(letters.reasons).containsExactly("entry e-2 refused");
    }

    @Test
    void aTransientFailureIsRetriedAsABatchAndDeadLettersNothing() {
        AtomicInteger attempts = new AtomicInteger();
        List<ConsumerRecord<String, String>> poll = List.of(record(1, removed("e-1")), record(2, removed("e-2")));

        handle(poll, events -> attempts.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("connection reset"))
                : Uni.createFrom().voidItem()).await().indefinitely();

        assertThat(calls).containsExactly(List.of("e-1", "e-2"), List.of("e-1", "e-2"));
        assertThat(letters.offsets).isEmpty();
    }

    @Test
    void aValueTheDatabaseCannotStoreIsPoisonNotAnOutage() {
        List<ConsumerRecord<String, String>> poll = List.of(record(1, removed("e-1")), record(2, removed("e-2")));
        long started = System.nanoTime();

        handle(poll, events -> events.stream().anyMatch(e -> ((SuppressionRemoved) e).entryId().equals("e-2"))
                ? Uni.createFrom().failure(new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null))
                : Uni.createFrom().voidItem()).await().indefinitely();

        assertThat(calls).containsExactly(List.of("e-1", "e-2"), List.of("e-1"), List.of("e-2"));
        assertThat(letters.offsets).containsExactly(2L);
        // refused at once: no back-off retries in between
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
    }

    @Test
    void deadlocksAndUniqueViolationsAreRetriedConstraintBreachesAreNot() {
        assertThat(IncomingEvents.isPoison(new PgException("deadlock detected", "ERROR", "40P01", null))).isFalse();
        assertThat(IncomingEvents.isPoison(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(IncomingEvents.isPoison(new PgException("null value in column", "ERROR", "23502", null))).isTrue();
        assertThat(IncomingEvents.isPoison(new PgException("value too long", "ERROR", "22001", null))).isTrue();
        assertThat(IncomingEvents.isPoison(new IllegalStateException("connection closed"))).isFalse();
        assertThat(IncomingEvents.isPoison(new java.util.concurrent.CompletionException(new IllegalArgumentException("refused")))).isTrue();
        assertThat(IncomingEvents.isPoison(new IllegalStateException("wrapped", new PgException("x", "ERROR", "40001", null)))).isFalse();
    }

    @Test
    void aPollOfOnlyBadRecordsAppliesNothing() {
        handle(List.of(record(7, "k", "[]")), events -> Uni.createFrom().voidItem()).await().indefinitely();

        assertThat(calls).isEmpty();
        assertThat(letters.offsets).containsExactly(7L);
    }

    @Test
    void aDeadLetterKafkaRefusesFailsThePollForTheChannelsStrategyAndAppliesNothing() {
        DeadLetters refusing = new DeadLetters("unused:9092", "test-service", new SimpleMeterRegistry()) {
            @Override
            public Uni<Void> send(ConsumerRecord<String, String> record, Throwable cause) {
                return Uni.createFrom().failure(new IllegalStateException("broker unreachable"));
            }
        };
        List<ConsumerRecord<String, String>> poll = List.of(record(20, removed("e-1")), record(21, "e-2", "{not json"));

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> IncomingBatches.handle(poll, SuppressionEvent.class,
                refusing, events -> {
                    calls.add(List.of("applied"));
                    return Uni.createFrom().voidItem();
                }).await().indefinitely());

        // the channel's own dead-letter strategy takes the poll; nothing of it was applied before that
        assertThat(failure).hasMessage("broker unreachable");
        assertThat(calls).isEmpty();
    }
}
