package io.waihu.campaign.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.repository.ContactRepository;
import io.waihu.events.crm.ContactErased;
import io.waihu.events.crm.ContactEvent;
import io.waihu.events.crm.ContactOptedOut;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.wire.EventJson;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Contacts as the CRM keeps them: upserts, opt-outs and erasures, each applied once. */
@ApplicationScoped
public class ContactService {

    static final String CONSUMER = "campaign.crm-contacts";

    private final ContactRepository contacts;
    private final EventInbox inbox;
    private final ObjectMapper json = EventJson.newMapper();

    public ContactService(ContactRepository contacts, EventInbox inbox) {
        this.contacts = contacts;
        this.inbox = inbox;
    }

    public Uni<Boolean> apply(ContactEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            if (event instanceof ContactUpserted upserted) {
                Contact contact = new Contact(UUID.randomUUID(), upserted.tenantId(), upserted.externalId(), upserted.listId(),
                        upserted.name(), json.valueToTree(upserted.phones()), upserted.zoneOverride(),
                        json.valueToTree(upserted.attributes() == null ? java.util.Map.of() : upserted.attributes()),
                        upserted.consent() == null ? null : json.valueToTree(upserted.consent()),
                        ContactStatus.ACTIVE, upserted.occurredAt(), Instant.now());
                return contacts.upsert(conn, contact);
            }
            if (event instanceof ContactOptedOut optedOut) {
                return contacts.markOptedOut(conn, optedOut.tenantId(), optedOut.externalId(), optedOut.occurredAt());
            }
            if (event instanceof ContactErased erased) {
                return contacts.erase(conn, erased.tenantId(), erased.externalId(), erased.occurredAt());
            }
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Contact> get(String tenantId, String externalId) {
        return contacts.findByExternalId(tenantId, externalId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("contact", externalId)));
    }

    public Uni<Page<Contact>> list(String tenantId, String listId, ContactStatus status, PageParams page) {
        return Uni.combine().all().unis(contacts.page(tenantId, listId, status, page), contacts.count(tenantId, listId, status))
                .with((items, total) -> Page.of(items, page, total));
    }
}
