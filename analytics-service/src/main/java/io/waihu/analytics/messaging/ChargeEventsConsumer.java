package io.waihu.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** billing.charge-events.v1, published by billing-service. */
@ApplicationScoped
public class ChargeEventsConsumer {

    public static final String CHANNEL = "charge-events-in";

    private final FoldService fold;

    public ChargeEventsConsumer(FoldService fold) {
        this.fold = fold;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, ChargeEvent.class, fold::foldCharge);
    }
}
