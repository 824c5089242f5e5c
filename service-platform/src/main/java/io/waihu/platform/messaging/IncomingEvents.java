package io.waihu.platform.messaging;

import io.waihu.events.WaihuEvent;
import io.waihu.events.wire.EventFormatException;
import io.waihu.events.wire.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a Kafka record into its event contract. Anything unreadable raises an exception whose message names
 * the fault; the channel's dead-letter-queue strategy then writes it to the DLQ with that reason.
 */
public final class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final int RETRIES = 8;

    private IncomingEvents() {
    }

    /**
     * Reads the record and applies the event. A poison message (unreadable, or refused by the contract) fails at
     * once; any other failure (the database restarting, say) is retried with back-off for about half a minute
     * first, since dead-lettering a good event would lose it. What still fails is logged with its reason and
     * re-raised, so the channel's dead-letter-queue strategy takes the record and the consumer goes on.
     */
    public static <E extends WaihuEvent> Uni<Void> handle(ConsumerRecord<String, String> record, Class<E> contract,
                                                         Function<? super E, Uni<?>> apply) {
        Uni<Void> applied;
        try {
            applied = read(record, contract).map(event -> apply.apply(event).replaceWithVoid())
                    .orElseGet(() -> Uni.createFrom().voidItem());
        } catch (RuntimeException e) {
            applied = Uni.createFrom().failure(e);
        }
        return applied
                .onFailure(e -> !isPoison(e)).retry().withBackOff(RETRY_FIRST, RETRY_MAX).atMost(RETRIES)
                .onFailure().invoke(e -> LOG.warnf("%s[%d]@%d key %s goes to the dead-letter topic: %s",
                record.topic(), record.partition(), record.offset(), record.key(), e.getMessage()));
    }

    /**
     * The message itself is at fault: retrying cannot help. That includes a value the contract lets through but
     * PostgreSQL refuses to store (SQLSTATE class 22, data exception, such as a NUL character in a text) or that
     * breaks a constraint (class 23); a unique violation (23505) is left out, since a concurrent writer of the same
     * key can cause it and a retry then finds the row.
     */
    static boolean isPoison(Throwable e) {
        // a refusal wrapped by a layer on the way (Mutiny, Vert.x) is still a refusal
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isPoisonItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPoisonItself(Throwable e) {
        if (e instanceof EventFormatException || e instanceof IllegalArgumentException) {
            return true;
        }
        if (e instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"));
        }
        return false;
    }

    /**
     * @return the event, or empty when its type is one this contract version does not know yet (producers may
     * add types to a v1 topic; older consumers skip them rather than dead-letter them)
     */
    public static <E extends WaihuEvent> Optional<E> read(ConsumerRecord<String, String> record, Class<E> contract) {
        if (record.value() == null || record.value().isBlank()) {
            throw new EventFormatException(contract.getSimpleName(), "", "empty message on " + record.topic()
                    + " at offset " + record.offset(), null);
        }
        Optional<E> known = EventJson.readIfKnown(record.value(), contract);
        if (known.isEmpty()) {
            LOG.debugf("skipping an event type this version does not know on %s at offset %d", record.topic(), record.offset());
            return known;
        }
        E event = known.get();
        if (record.key() != null && !record.key().equals(event.aggregateId())) {
            throw new EventFormatException(event.type(), "", "record key '" + record.key()
                    + "' differs from the event's aggregate id '" + event.aggregateId() + "'", null);
        }
        return known;
    }
}
