package io.waihu.campaign.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.service.SpendService;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** billing.charge-events.v1: what each call cost, folded into the campaign's spend. */
@ApplicationScoped
public class ChargeEventsConsumer {

    public static final String CHANNEL = "charge-events-in";

    private final SpendService spend;

    public ChargeEventsConsumer(SpendService spend) {
        this.spend = spend;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, ChargeEvent.class, spend::apply);
    }
}
