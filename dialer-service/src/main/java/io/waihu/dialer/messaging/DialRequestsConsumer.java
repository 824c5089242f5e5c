package io.waihu.dialer.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.service.DialRequestService;
import io.waihu.events.campaign.DialRequestEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** campaign.dial-requests.v1, consumed idempotently (poison messages go to the dialer's DLQ of the topic). */
@ApplicationScoped
public class DialRequestsConsumer {

    public static final String CHANNEL = "dial-requests-in";

    private final DialRequestService requests;

    public DialRequestsConsumer(DialRequestService requests) {
        this.requests = requests;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, DialRequestEvent.class, requests::apply);
    }
}
