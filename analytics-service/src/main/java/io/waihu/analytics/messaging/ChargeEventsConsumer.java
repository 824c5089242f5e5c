package io.waihu.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.platform.messaging.DeadLetters;
import io.waihu.platform.messaging.IncomingBatches;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** billing.charge-events.v1, published by billing-service. */
@ApplicationScoped
public class ChargeEventsConsumer {

    public static final String CHANNEL = "charge-events-in";

    private final FoldService fold;
    private final DeadLetters deadLetters;

    public ChargeEventsConsumer(FoldService fold, DeadLetters deadLetters) {
        this.fold = fold;
        this.deadLetters = deadLetters;
    }

    /** A poll folded in one transaction; unreadable or refused records are dead-lettered alone (IncomingBatches). */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> poll) {
        return IncomingBatches.handle(poll, ChargeEvent.class, deadLetters, fold::foldAll);
    }
}
