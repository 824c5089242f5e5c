package io.waihu.platform.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.events.WaihuEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The batch form of {@link IncomingEvents}: one poll's records are applied together, so a consumer can commit
 * hundreds of events in one transaction instead of one each. The channel needs {@code batch=true}.
 * <ul>
 *     <li>A record that cannot be read goes to the dead-letter topic on its own; the others are applied.</li>
 *     <li>A transient failure of the whole batch is retried with back-off, as for single records.</li>
 *     <li>If the batch still fails, or an event in it is refused, the events are applied one by one, so only
 *     the one at fault is dead-lettered and the consumer goes on.</li>
 * </ul>
 * Effects must be idempotent per event ({@link EventInbox#applyOnceAll}): after a partial failure, events of the
 * batch may be applied again one by one, and Kafka may redeliver a batch after a crash.
 */
public final class IncomingBatches {

    private static final Logger LOG = Logger.getLogger(IncomingBatches.class);

    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final int RETRIES = 8;
    /** How long one event of a failed batch is retried before it is dead-lettered. */
    private static final Duration OUTAGE = Duration.ofMinutes(5);

    private IncomingBatches() {
    }

    record Read<E>(ConsumerRecord<String, String> record, E event) {
    }

    public static <E extends WaihuEvent> Uni<Void> handle(ConsumerRecords<String, String> batch, Class<E> contract,
                                                         DeadLetters deadLetters, Function<List<E>, Uni<?>> applyAll) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        return handle(records, contract, deadLetters, applyAll);
    }

    public static <E extends WaihuEvent> Uni<Void> handle(List<ConsumerRecord<String, String>> records, Class<E> contract,
                                                         DeadLetters deadLetters, Function<List<E>, Uni<?>> applyAll) {
        List<Read<E>> readable = new ArrayList<>(records.size());
        List<Uni<Void>> letters = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Optional<E> event = IncomingEvents.read(record, contract);
                event.ifPresent(e -> readable.add(new Read<>(record, e)));
            } catch (RuntimeException poison) {
                letters.add(deadLetters.send(record, poison));
            }
        }
        Uni<Void> poisoned = letters.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(letters).andFailFast().replaceWithVoid();
        if (readable.isEmpty()) {
            return lastResortSaid(poisoned, records);
        }
        List<E> events = readable.stream().map(Read::event).toList();
        Uni<Void> together = retried(Uni.createFrom().deferred(() -> applyAll.apply(events)));
        return lastResortSaid(poisoned.chain(() -> together.onFailure().recoverWithUni(e -> oneByOne(readable, deadLetters, applyAll))), records);
    }

    /**
     * A failure here means a dead letter could not be written: the channel's own failure strategy then takes the
     * whole poll. SmallRye logs that without the reason, so it is said here.
     */
    private static Uni<Void> lastResortSaid(Uni<Void> handled, List<ConsumerRecord<String, String>> records) {
        return handled.onFailure().invoke(e -> LOG.errorf(e, "%d records of %s from offset %d could not be handled one by one; "
                + "the channel's failure strategy takes the whole poll", records.size(), records.get(0).topic(), records.get(0).offset()));
    }

    /**
     * In record order, so events of one key keep their order. A poison event is dead-lettered at once; any other
     * failure is retried for up to {@link #OUTAGE} first, so an outage of the database stalls the consumer instead of
     * emptying the poll into the dead-letter topic.
     */
    private static <E extends WaihuEvent> Uni<Void> oneByOne(List<Read<E>> readable, DeadLetters deadLetters,
                                                             Function<List<E>, Uni<?>> applyAll) {
        return Multi.createFrom().iterable(readable)
                .onItem().transformToUniAndConcatenate(read -> Uni.createFrom().deferred(() -> applyAll.apply(List.of(read.event())))
                        .replaceWithVoid()
                        .onFailure(e -> !IncomingEvents.isPoison(e)).retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(OUTAGE.toMillis())
                        .onFailure().recoverWithUni(e -> deadLetters.send(read.record(), e)))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Void> retried(Uni<?> apply) {
        return apply.replaceWithVoid()
                .onFailure(e -> !IncomingEvents.isPoison(e)).retry().withBackOff(RETRY_FIRST, RETRY_MAX).atMost(RETRIES);
    }
}
