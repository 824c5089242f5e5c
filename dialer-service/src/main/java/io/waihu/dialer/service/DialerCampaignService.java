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
import io.waihu.events.campaign.DialPolicy;
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
    private final DialerEngine engine;

    public DialerCampaignService(DialerCampaignRepository campaigns, EventInbox inbox, DialerEngine engine) {
        this.campaigns = campaigns;
        this.inbox = inbox;
        this.engine = engine;
    }

    public Uni<Boolean> apply(CampaignEvent event) {
        return inbox.applyOnce(CONSUMER, event, conn -> {
            if (event instanceof CampaignStarted s) {
                return campaigns.upsert(conn, new DialerCampaign(s.tenantId(), s.campaignId(), s.name(),
                        Objects.toString(s.dialMode(), null), s.rulePack(), Status.RUNNING,
                        s.allowedCarrierIds() == null ? List.of() : s.allowedCarrierIds(), null, s.occurredAt(),
                        s.dialPolicy(), s.budgetAlertPercents(), s.budget() == null ? null : s.budget().currency()));
            }
            if (event instanceof CampaignSettingsChanged c) {
                return campaigns.find(c.tenantId(), c.campaignId()).chain(found -> {
                    Status status = found.map(DialerCampaign::status).orElse(Status.PAUSED);
                    List<String> carriers = c.allowedCarrierIds() != null ? c.allowedCarrierIds()
                            : found.map(DialerCampaign::allowedCarrierIds).orElse(List.of());
                    // an absent field is unchanged: keep what the copy has
                    DialPolicy policy = c.dialPolicy() != null ? c.dialPolicy() : found.map(DialerCampaign::dialPolicy).orElse(null);
                    List<Integer> alerts = c.budgetAlertPercents() != null ? c.budgetAlertPercents()
                            : found.map(DialerCampaign::budgetAlertPercents).orElse(null);
                    String currency = c.budget() != null ? c.budget().currency() : found.map(DialerCampaign::budgetCurrency).orElse(null);
                    return campaigns.upsert(conn, new DialerCampaign(c.tenantId(), c.campaignId(), c.name(),
                            Objects.toString(c.dialMode(), null), c.rulePack(), status, carriers,
                            found.map(DialerCampaign::statusReason).orElse(null), c.occurredAt(), policy, alerts, currency));
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

    /** The last pacing decision of the campaign, explained. */
    public Uni<PacingView> pacing(String tenantId, String campaignId) {
        return get(tenantId, campaignId).map(c -> {
            var last = engine.runtimeIfKnown(tenantId, campaignId).map(CampaignRuntime::last).orElse(null);
            if (last == null || last.snapshot() == null) {
                String why = c.status() != Status.RUNNING ? "campaign is " + c.status() + (c.statusReason() == null ? "" : " (" + c.statusReason() + ")")
                        : last != null ? last.notDialingBecause() : "no pacing decision yet";
                return new PacingView(campaignId, c.status().name(), c.dialMode(), last == null ? null : last.at(), null, 0, why, why,
                        null, null, null, null, null, null, null, null, null, null, java.util.Map.of());
            }
            var s = last.snapshot();
            double ratio = s.stats().humanAnswerRatio();
            String why = c.status() != Status.RUNNING ? "campaign is " + c.status() : last.notDialingBecause();
            return new PacingView(campaignId, c.status().name(), c.dialMode(), last.at(), last.pacer(), last.decision().callsToPlace(),
                    last.decision().reason(), why, s.readyAgents(), s.loggedInAgents(), s.callsInFlight(), s.liveWaiting(),
                    s.queuedRequests(), Double.isNaN(ratio) ? null : ratio, s.abandon().liveAnswers(), s.abandon().abandoned(),
                    s.abandon().rateBasisPoints(), s.abandon().limitBasisPoints(), last.decision().inputs());
        });
    }

    public Uni<Page<DialerCampaign>> list(String tenantId, Status status, PageParams page) {
        return Page.of(campaigns.page(tenantId, status, page), campaigns.count(tenantId, status), page);
    }
}
