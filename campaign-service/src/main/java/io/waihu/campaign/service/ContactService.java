package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.repository.ContactRepository;
import io.waihu.events.crm.ContactErased;
import io.waihu.events.crm.ContactEvent;
import io.waihu.events.crm.ContactOptedOut;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Contacts as the CRM keeps them: upserts, opt-outs and erasures, each applied once. */
@ApplicationScoped
public class ContactService {

    static final String CONSUMER = "campaign.crm-contacts";

    private final ContactRepository contacts;
    private final EventInbox inbox;

    public ContactService(ContactRepository contacts, EventInbox inbox) {
        this.contacts = contacts;
        this.inbox = inbox;
    }

    public Uni<Boolean> apply(ContactEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            if (event instanceof ContactUpserted upserted) {
                Contact contact = new Contact(UUID.randomUUID(), upserted.tenantId(), upserted.externalId(), upserted.listId(),
                        upserted.name(), upserted.phones().stream()
                                .map(p -> new Contact.ContactPhone(p.number(), p.type().name())).toList(),
                        upserted.zoneOverride(), upserted.attributes() == null ? Map.of() : upserted.attributes(),
                        upserted.consent() == null ? null : new Contact.ContactConsent(upserted.consent().basis(),
                                upserted.consent().grantedAt(), upserted.consent().source()),
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
        return Page.of(contacts.page(tenantId, listId, status, page), contacts.count(tenantId, listId, status), page);
    }
}
