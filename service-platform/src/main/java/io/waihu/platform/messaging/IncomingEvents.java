package io.waihu.platform.messaging;

import io.waihu.events.WaihuEvent;
import io.waihu.events.wire.EventFormatException;
import io.waihu.events.wire.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Reads a Kafka record into its event contract. Anything unreadable raises an exception whose message names
 * the fault; the channel's dead-letter-queue strategy then writes it to the DLQ with that reason.
 */
public final class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private IncomingEvents() {
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
