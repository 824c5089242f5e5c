package io.waihu.dialer.service;

import io.smallrye.mutiny.Uni;
import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.dialer.domain.DialerCampaign.Status;
import io.waihu.dialer.repository.DialerCampaignRepository;
import io.waihu.events.campaign.CampaignCompleted;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.events.campaign.CampaignPaused;
import io.waihu.events.campaign.CampaignResumed;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;

/** Keeps the dialer's copy of each campaign in step with campaign-service's lifecycle events. */
@ApplicationScoped
public class DialerCampaignService {

    static final String CONSUMER = "dialer.campaign-events";

    private final DialerCampaignRepository campaigns;
    private final EventInbox inbox;

    public DialerCampaignService(DialerCampaignRepository campaigns, EventInbox inbox) {
        this.campaigns = campaigns;
        this.inbox = inbox;
    }

    public Uni<Boolean> apply(CampaignEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            if (event instanceof CampaignStarted s) {
                return campaigns.upsert(conn, new DialerCampaign(s.tenantId(), s.campaignId(), s.name(),
                        Objects.toString(s.dialMode(), null), s.rulePack(), Status.RUNNING,
                        s.allowedCarrierIds() == null ? List.of() : s.allowedCarrierIds(), null, s.occurredAt()));
            }
            if (event instanceof CampaignSettingsChanged c) {
                return campaigns.find(c.tenantId(), c.campaignId()).chain(found -> {
                    Status status = found.map(DialerCampaign::status).orElse(Status.PAUSED);
                    List<String> carriers = c.allowedCarrierIds() != null ? c.allowedCarrierIds()
                            : found.map(DialerCampaign::allowedCarrierIds).orElse(List.of());
                    return campaigns.upsert(conn, new DialerCampaign(c.tenantId(), c.campaignId(), c.name(),
                            Objects.toString(c.dialMode(), null), c.rulePack(), status, carriers,
                            found.map(DialerCampaign::statusReason).orElse(null), c.occurredAt()));
                });
            }
            if (event instanceof CampaignPaused p) {
                return campaigns.changeStatus(conn, p.tenantId(), p.campaignId(), Status.PAUSED, p.reason(), p.occurredAt()).replaceWithVoid();
            }
            if (event instanceof CampaignResumed r) {
                return campaigns.changeStatus(conn, r.tenantId(), r.campaignId(), Status.RUNNING, null, r.occurredAt()).replaceWithVoid();
            }
            if (event instanceof CampaignCompleted c) {
                return campaigns.changeStatus(conn, c.tenantId(), c.campaignId(), Status.COMPLETED, c.reason(), c.occurredAt()).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<DialerCampaign> get(String tenantId, String campaignId) {
        return campaigns.find(tenantId, campaignId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("campaign", campaignId)));
    }

    public Uni<Page<DialerCampaign>> list(String tenantId, Status status, PageParams page) {
        return Page.of(campaigns.page(tenantId, status, page), campaigns.count(tenantId, status), page);
    }
}
