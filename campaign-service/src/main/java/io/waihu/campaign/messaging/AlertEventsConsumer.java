package io.waihu.campaign.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.service.SpendService;
import io.waihu.events.analytics.AlertEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** analytics.alert-events.v1: budget thresholds recorded; an exhausted budget pauses the campaign. */
@ApplicationScoped
public class AlertEventsConsumer {

    public static final String CHANNEL = "alert-events-in";

    private final SpendService spend;

    public AlertEventsConsumer(SpendService spend) {
        this.spend = spend;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, AlertEvent.class, spend::apply);
    }
}
