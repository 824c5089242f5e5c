package io.waihu.dialer.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.service.RoutingService;
import io.waihu.events.billing.TariffEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** billing.tariff-events.v1, consumed idempotently (poison messages go to the dialer's DLQ of the topic). */
@ApplicationScoped
public class TariffEventsConsumer {

    public static final String CHANNEL = "tariff-events-in";

    private final RoutingService routing;

    public TariffEventsConsumer(RoutingService routing) {
        this.routing = routing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, TariffEvent.class, routing::apply);
    }
}
