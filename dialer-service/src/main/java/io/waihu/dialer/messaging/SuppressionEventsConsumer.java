package io.waihu.dialer.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.service.SuppressionService;
import io.waihu.events.campaign.SuppressionEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** campaign.suppression-events.v1, consumed idempotently (poison messages go to the dialer's DLQ of the topic). */
@ApplicationScoped
public class SuppressionEventsConsumer {

    public static final String CHANNEL = "suppression-events-in";

    private final SuppressionService suppressions;

    public SuppressionEventsConsumer(SuppressionService suppressions) {
        this.suppressions = suppressions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, SuppressionEvent.class, suppressions::apply);
    }
}
