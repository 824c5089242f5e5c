package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactList;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.repository.ContactListRepository;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Contacts as the CRM keeps them: upserts, opt-outs and erasures, each applied once. */
@ApplicationScoped
public class ContactService {

    static final String CONSUMER = "campaign.crm-contacts";

    private final ContactRepository contacts;
    private final ContactListRepository lists;
    private final EventInbox inbox;
    private final SuppressionService suppression;

    public ContactService(ContactRepository contacts, ContactListRepository lists, EventInbox inbox, SuppressionService suppression) {
        this.contacts = contacts;
        this.lists = lists;
        this.inbox = inbox;
        this.suppression = suppression;
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
                return optOut(conn, optedOut);
            }
            if (event instanceof ContactErased erased) {
                return contacts.erase(conn, erased.tenantId(), erased.externalId(), erased.occurredAt());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Suppresses the opted-out number (or every number of the contact) tenant-wide, in the event's transaction. The
     * contact becomes OPTED_OUT unless it keeps other numbers that were not opted out.
     */
    private Uni<Void> optOut(SqlConnection conn, ContactOptedOut e) {
        return contacts.phones(conn, e.tenantId(), e.externalId()).chain(phones -> {
            List<String> numbers = e.number() != null ? List.of(e.number()) : phones.stream().map(Contact.ContactPhone::number).toList();
            boolean othersLeft = e.number() != null && phones.stream().anyMatch(p -> !p.number().equals(e.number()));
            String reason = "CRM opt-out via " + e.channel() + ": " + e.reason();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String number : numbers) {
                chain = chain.chain(() -> suppression.add(conn, e.tenantId(), null, number.substring(1), false, null,
                        SuppressionService.SOURCE_CRM_OPT_OUT, reason).replaceWithVoid());
            }
            return othersLeft ? chain : chain.chain(() -> contacts.markOptedOut(conn, e.tenantId(), e.externalId(), e.occurredAt()));
        });
    }

    /** Creates a list; its id is the one given or a new UUID. 409 when the tenant has a list with that id. */
    public Uni<ContactList> createList(String tenantId, String id, String name, String defaultRegion) {
        String listId = id == null ? UUID.randomUUID().toString() : id;
        String region = defaultRegion.toUpperCase(java.util.Locale.ROOT);
        return lists.insert(tenantId, listId, name, region)
                .chain(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().failure(ProblemException.conflict("contact list " + listId + " exists already"));
                    }
                    return getList(tenantId, listId);
                });
    }

    public Uni<ContactList> getList(String tenantId, String listId) {
        return lists.find(tenantId, listId).map(found -> found.orElseThrow(() -> ProblemException.notFound("contact list", listId)));
    }

    public Uni<Page<ContactList>> lists(String tenantId, PageParams page) {
        return Page.of(lists.page(tenantId, page), lists.count(tenantId), page);
    }

    /** A list's contacts by external id; 404 when the list does not exist. */
    public Uni<Page<Contact>> listContacts(String tenantId, String listId, ContactStatus status, PageParams page) {
        return getList(tenantId, listId).chain(list -> list(tenantId, listId, status, page));
    }

    public Uni<Contact> get(String tenantId, String externalId) {
        return contacts.findByExternalId(tenantId, externalId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("contact", externalId)));
    }

    public Uni<Page<Contact>> list(String tenantId, String listId, ContactStatus status, PageParams page) {
        return Page.of(contacts.page(tenantId, listId, status, page), contacts.count(tenantId, listId, status), page);
    }
}
