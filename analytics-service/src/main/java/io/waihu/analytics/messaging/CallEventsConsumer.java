package io.waihu.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.dialer.CallEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** dialer.call-events.v1, published by dialer-service. */
@ApplicationScoped
public class CallEventsConsumer {

    public static final String CHANNEL = "call-events-in";

    private final FoldService fold;

    public CallEventsConsumer(FoldService fold) {
        this.fold = fold;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, CallEvent.class, fold::foldCall);
    }
}
