package io.waihu.billing.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.service.CallDetailRecordService;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** dialer.call-events.v1: billing needs only CallEnded; the other call events pass by. */
@ApplicationScoped
public class CallEventsConsumer {

    public static final String CHANNEL = "call-events-in";

    private final CallDetailRecordService records;

    public CallEventsConsumer(CallDetailRecordService records) {
        this.records = records;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, CallEvent.class, event -> event instanceof CallEnded ended
                ? records.record(ended) : Uni.createFrom().voidItem());
    }
}
