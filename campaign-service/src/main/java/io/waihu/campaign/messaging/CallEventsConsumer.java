package io.waihu.campaign.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.service.CallEventsService;
import io.waihu.events.dialer.CallEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** dialer.call-events.v1: attempts closed by CallEnded / DialDropped. */
@ApplicationScoped
public class CallEventsConsumer {

    public static final String CHANNEL = "call-events-in";

    private final CallEventsService calls;

    public CallEventsConsumer(CallEventsService calls) {
        this.calls = calls;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, CallEvent.class, calls::apply);
    }
}
