package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.domain.SpendRollup;
import io.waihu.analytics.repository.SpendRollupRepository;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

/** Folds charges into hourly spend, once per event. */
@ApplicationScoped
public class SpendService {

    static final String CONSUMER = "analytics.charges";

    private final SpendRollupRepository rollups;
    private final EventInbox inbox;

    public SpendService(SpendRollupRepository rollups, EventInbox inbox) {
        this.rollups = rollups;
        this.inbox = inbox;
    }

    public Uni<Boolean> fold(ChargeEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            if (event instanceof CallCharged charged) {
                return rollups.add(conn, charged.tenantId(), charged.campaignId(), charged.carrierId(),
                        charged.occurredAt().truncatedTo(ChronoUnit.HOURS), 1, charged.billedSeconds(), charged.cost());
            }
            if (event instanceof CallRerated rerated) {
                // the carrier of a rerated call is not in the event yet; its delta lands on the campaign's "rerated" line
                return rollups.add(conn, rerated.tenantId(), rerated.campaignId(), "rerated",
                        rerated.occurredAt().truncatedTo(ChronoUnit.HOURS), 0, 0, rerated.delta());
            }
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Page<SpendRollup>> list(String tenantId, String campaignId, PageParams page) {
        return Page.of(rollups.page(tenantId, campaignId, page), rollups.count(tenantId, campaignId), page);
    }
}
