package io.waihu.dialer.service;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.repository.SuppressionRepository;
import io.waihu.events.campaign.SuppressionAdded;
import io.waihu.events.campaign.SuppressionEvent;
import io.waihu.events.campaign.SuppressionRemoved;
import io.waihu.platform.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the dialer's do-not-call copy in step with campaign-service's suppression entries. */
@ApplicationScoped
public class SuppressionService {

    static final String CONSUMER = "dialer.suppression-events";

    private final SuppressionRepository entries;
    private final EventInbox inbox;

    public SuppressionService(SuppressionRepository entries, EventInbox inbox) {
        this.entries = entries;
        this.inbox = inbox;
    }

    public Uni<Boolean> apply(SuppressionEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            if (event instanceof SuppressionAdded a) {
                return entries.add(conn, a.tenantId(), a.entryId(), a.campaignId(), a.digits(), a.prefixMatch(), a.expiresAt(),
                        a.source(), a.occurredAt());
            }
            if (event instanceof SuppressionRemoved r) {
                return entries.remove(conn, r.tenantId(), r.entryId(), r.occurredAt());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
