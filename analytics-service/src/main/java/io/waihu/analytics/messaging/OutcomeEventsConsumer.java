package io.waihu.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.campaign.OutcomeEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** campaign.outcome-events.v1, published by campaign-service. */
@ApplicationScoped
public class OutcomeEventsConsumer {

    public static final String CHANNEL = "outcome-events-in";

    private final FoldService fold;

    public OutcomeEventsConsumer(FoldService fold) {
        this.fold = fold;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, OutcomeEvent.class, fold::foldOutcome);
    }
}
