package io.waihu.campaign.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.service.ContactService;
import io.waihu.events.crm.ContactEvent;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** crm.contact-events.v1, published by the tenants' CRM systems. */
@ApplicationScoped
public class CrmContactEventsConsumer {

    public static final String CHANNEL = "crm-contact-events-in";

    private final ContactService contacts;

    public CrmContactEventsConsumer(ContactService contacts) {
        this.contacts = contacts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return IncomingEvents.handle(record, ContactEvent.class, contacts::apply);
    }
}
