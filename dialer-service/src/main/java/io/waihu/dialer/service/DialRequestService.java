package io.waihu.dialer.service;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.repository.DialRequestRepository;
import io.waihu.events.campaign.DialRequestEvent;
import io.waihu.events.campaign.DialRequested;
import io.waihu.platform.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;

/** Queues the dial requests campaign-service releases; the pacing loop takes them from the queue. */
@ApplicationScoped
public class DialRequestService {

    static final String CONSUMER = "dialer.dial-requests";

    private final DialRequestRepository requests;
    private final EventInbox inbox;

    public DialRequestService(DialRequestRepository requests, EventInbox inbox) {
        this.requests = requests;
        this.inbox = inbox;
    }

    public Uni<Boolean> apply(DialRequestEvent event) {
        if (!(event instanceof DialRequested r)) {
            return Uni.createFrom().item(false);
        }
        return inbox.applyOnce(CONSUMER, r, conn -> requests.enqueue(conn, r).replaceWithVoid());
    }
}
