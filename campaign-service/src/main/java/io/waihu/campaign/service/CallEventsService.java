package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.campaign.domain.Attempt;
import io.waihu.campaign.domain.Campaign;
import io.waihu.campaign.domain.CampaignPolicy;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.RetryPlan;
import io.waihu.campaign.domain.RulePack;
import io.waihu.campaign.repository.AttemptRepository;
import io.waihu.campaign.repository.CampaignContactRepository;
import io.waihu.campaign.repository.CampaignRepository;
import io.waihu.campaign.repository.RulePackRepository;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.events.dialer.DialDropped;
import io.waihu.platform.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * dialer.call-events.v1: a CallEnded records the attempt and plans the contact's next one; a DialDropped closes the
 * attempt as not dialled. Each event applies once (EventInbox); an event for an attempt already closed changes
 * nothing, so a re-sent CallEnded with a new event id is harmless too.
 */
@ApplicationScoped
public class CallEventsService {

    static final String CONSUMER = "campaign.call-events";
    private static final Logger LOG = Logger.getLogger(CallEventsService.class);

    private final EventInbox inbox;
    private final AttemptRepository attempts;
    private final CampaignContactRepository contacts;
    private final CampaignRepository campaigns;
    private final RulePackRepository packs;

    public CallEventsService(EventInbox inbox, AttemptRepository attempts, CampaignContactRepository contacts,
                             CampaignRepository campaigns, RulePackRepository packs) {
        this.inbox = inbox;
        this.attempts = attempts;
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.packs = packs;
    }

    public Uni<Boolean> apply(CallEvent event) {
        Optional<UUID> attemptId = uuid(event.attemptId());
        if (attemptId.isEmpty() || !(event instanceof CallEnded || event instanceof DialDropped || event instanceof CallPlaced)) {
            // ringing/answered change nothing here; an attempt id that is not ours was not released by this service
            return Uni.createFrom().item(false);
        }
        return inbox.applyOnce(CONSUMER, event, conn -> attempts.lock(conn, event.tenantId(), attemptId.get()).chain(found -> {
            if (found.isEmpty()) {
                LOG.debugf("%s for unknown attempt %s ignored", event.type(), event.attemptId());
                return Uni.createFrom().voidItem();
            }
            Attempt attempt = found.get();
            if (event instanceof CallPlaced placed) {
                return attempts.markPlaced(conn, event.tenantId(), attempt.id(), placed.callId(), placed.carrierId());
            }
            if (attempt.status().equals("ENDED") || attempt.status().equals("DROPPED")) {
                return Uni.createFrom().voidItem();
            }
            return context(conn, attempt).chain(ctx -> event instanceof CallEnded ended
                    ? ended(conn, attempt, ctx, ended)
                    : dropped(conn, attempt, ctx, (DialDropped) event));
        })).replaceWith(true);
    }

    private record Context(Campaign campaign, RulePack pack, int attemptsSoFar) {
    }

    private Uni<Context> context(SqlConnection conn, Attempt attempt) {
        return campaigns.find(conn, attempt.tenantId(), attempt.campaignId()).chain(campaign -> {
            Campaign c = campaign.orElseThrow(() -> new IllegalStateException("attempt " + attempt.id() + " of a missing campaign"));
            return packs.find(conn, c.tenantId(), attempt.rulePackId(), attempt.rulePackVersion())
                    .chain(pack -> contacts.lockAttempts(conn, c.id(), attempt.contactId())
                            .map(n -> new Context(c, pack.orElseThrow(() -> new IllegalStateException("rule pack "
                                    + attempt.rulePackId() + " v" + attempt.rulePackVersion() + " is gone")), n.orElse(attempt.attemptNumber()))));
        });
    }

    private Uni<Void> ended(SqlConnection conn, Attempt attempt, Context ctx, CallEnded e) {
        CampaignSettings s = ctx.campaign().settings();
        // EXPIRED: the hopper gave the request up (and its count back) and freed the slot, so the late call counts now.
        // LOST: placed, then no end within the bound; the slot is free already but the attempt still counts.
        boolean expired = attempt.status().equals("EXPIRED");
        boolean wasOutstanding = !expired && !attempt.status().equals("LOST");
        int attemptsSoFar = expired ? ctx.attemptsSoFar() + 1 : ctx.attemptsSoFar();
        RetryPlan.Next next = RetryPlan.afterCall(e.disposition(), e.abandoned(), e.endedAt(), attemptsSoFar,
                CampaignPolicy.withDefaults(s).caps().maxAttemptsPerContact(), CampaignPolicy.retryDelays(s),
                ctx.pack().noRedialAfterAbandonHours());
        boolean abandoned = e.abandoned() || e.disposition() == CallDisposition.ABANDONED;
        return attempts.markEnded(conn, attempt.id(), e, next.nextAttemptAt())
                .chain(() -> contacts.afterCall(conn, attempt.campaignId(), attempt.contactId(), e.disposition().name(),
                        abandoned ? e.endedAt() : null, next, wasOutstanding, expired));
    }

    private Uni<Void> dropped(SqlConnection conn, Attempt attempt, Context ctx, DialDropped e) {
        List<ZoneId> zones = attempt.calleeZones().stream().map(ZoneId::of).toList();
        Optional<Instant> opening = CampaignPolicy.schedule(ctx.campaign().settings(), ctx.pack()).nextOpening(e.droppedAt(), zones);
        RetryPlan.Next next = RetryPlan.afterDrop(e.reason(), e.droppedAt(), opening, ctx.pack().noRedialAfterAbandonHours());
        Uni<Void> closeAttempt = attempts.markDropped(conn, attempt.id(), e, next.nextAttemptAt());
        if (attempt.status().equals("EXPIRED") || attempt.status().equals("LOST")) {
            // the hopper had already given this attempt up and made the contact due again
            return closeAttempt;
        }
        return closeAttempt.chain(() -> contacts.afterDrop(conn, attempt.campaignId(), attempt.contactId(), next));
    }

    static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
