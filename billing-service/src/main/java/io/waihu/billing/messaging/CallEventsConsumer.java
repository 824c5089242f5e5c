package io.waihu.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.service.CallDetailRecordService;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.platform.messaging.DeadLetters;
import io.waihu.platform.messaging.IncomingBatches;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * dialer.call-events.v1, a poll at a time: billing needs only CallEnded (the other call events pass by), and rates
 * and records a poll's calls in one transaction. A record that cannot be read, or a call billing refuses, goes to the
 * dead-letter topic on its own; the rest of the poll is recorded.
 */
@ApplicationScoped
public class CallEventsConsumer {

    public static final String CHANNEL = "call-events-in";

    private final CallDetailRecordService records;
    private final DeadLetters deadLetters;

    public CallEventsConsumer(CallDetailRecordService records, DeadLetters deadLetters) {
        this.records = records;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> poll) {
        return IncomingBatches.handle(poll, CallEvent.class, deadLetters, events -> {
            List<CallEnded> ended = events.stream().filter(CallEnded.class::isInstance).map(CallEnded.class::cast).toList();
            return ended.isEmpty() ? Uni.createFrom().voidItem() : records.recordAll(ended);
        });
    }
}
