package io.waihu.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** campaign.campaign-events.v1, published by campaign-service. */
@ApplicationScoped
public class CampaignEventsConsumer {

    public static final String CHANNEL = "campaign-events-in";

    private final FoldService fold;

    public CampaignEventsConsumer(FoldService fold) {
        this.fold = fold;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, CampaignEvent.class, fold::foldCampaign);
    }
}
