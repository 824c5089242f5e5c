package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.campaign.domain.Campaign;
import io.waihu.campaign.domain.CampaignPolicy;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.CampaignStatus;
import io.waihu.campaign.domain.CampaignStatus.Action;
import io.waihu.campaign.domain.RulePack;
import io.waihu.campaign.repository.CampaignRepository;
import io.waihu.campaign.repository.RulePackRepository;
import io.waihu.events.Topics;
import io.waihu.events.campaign.CampaignCompleted;
import io.waihu.events.campaign.CampaignPaused;
import io.waihu.events.campaign.CampaignResumed;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialPolicy;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** Campaign settings and lifecycle. Every state change and its event commit in one transaction (outbox). */
@ApplicationScoped
public class CampaignService {

    private final Pool pool;
    private final CampaignRepository campaigns;
    private final RulePackRepository packs;
    private final Outbox outbox;
    private final Clock clock;

    public CampaignService(Pool pool, CampaignRepository campaigns, RulePackRepository packs, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.campaigns = campaigns;
        this.packs = packs;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Campaign> create(String tenantId, CampaignSettings requested) {
        CampaignSettings settings = validated(requested);
        UUID id = UUID.randomUUID();
        return pool.withTransaction(conn -> requirePack(conn, tenantId, settings)
                .chain(pack -> campaigns.insert(conn, id, tenantId, settings))
                .chain(() -> campaigns.find(conn, tenantId, id))
                .map(found -> found.orElseThrow()));
    }

    public Uni<Campaign> get(String tenantId, UUID id) {
        return campaigns.find(tenantId, id).map(found -> found.orElseThrow(() -> ProblemException.notFound("campaign", id)));
    }

    public Uni<Page<Campaign>> list(String tenantId, CampaignStatus status, PageParams page) {
        return Page.of(campaigns.page(tenantId, status, page), campaigns.count(tenantId, status), page);
    }

    /** Replaces the settings; only while DRAFT or PAUSED. A paused campaign's dialer learns them at once. */
    public Uni<Campaign> update(String tenantId, UUID id, CampaignSettings requested) {
        CampaignSettings settings = validated(requested);
        return pool.withTransaction(conn -> lockOr404(conn, tenantId, id).chain(current -> {
            if (!current.status().settingsEditable()) {
                throw new ProblemException(409, "illegal-state", "Conflict", "settings can change only while DRAFT or PAUSED; the campaign is "
                        + current.status() + " (allowed now: " + allowed(current.status()) + ")");
            }
            return requirePack(conn, tenantId, settings).chain(pack -> campaigns.updateSettings(conn, tenantId, id, settings)
                    .chain(() -> {
                        if (current.status() == CampaignStatus.DRAFT) {
                            return Uni.createFrom().voidItem();
                        }
                        // started before: the pack version in force becomes the one these settings name
                        return campaigns.setStatus(conn, tenantId, id, current.status(), current.statusReason(), pack.version(), null, null)
                                .chain(() -> outbox.append(conn, Topics.CAMPAIGN_EVENTS, settingsChanged(current, settings, pack)));
                    }))
                    .chain(() -> campaigns.find(conn, tenantId, id)).map(found -> found.orElseThrow());
        }));
    }

    /** start | pause | resume | complete | cancel. */
    public Uni<Campaign> act(String tenantId, UUID id, Action action, String reason) {
        return pool.withTransaction(conn -> lockOr404(conn, tenantId, id)
                .chain(current -> transition(conn, current, action, reason))
                .chain(() -> campaigns.find(conn, tenantId, id)).map(found -> found.orElseThrow()));
    }

    /**
     * Applies an action to a locked campaign inside the caller's transaction, with its event. Throws 409 naming
     * the allowed actions when the state does not allow it.
     */
    public Uni<Void> transition(SqlConnection conn, Campaign current, Action action, String reason) {
        if (!action.allowedFrom(current.status())) {
            throw new ProblemException(409, "illegal-transition", "Conflict", "cannot " + action.verb() + " a "
                    + current.status() + " campaign; allowed now: " + allowed(current.status()));
        }
        Instant now = clock.instant();
        String tenantId = current.tenantId();
        UUID id = current.id();
        String cid = id.toString();
        return switch (action) {
            case START -> {
                boolean startNow = current.startsAt() == null || !current.startsAt().isAfter(now);
                yield startNow ? run(conn, current, now)
                        : campaigns.setStatus(conn, tenantId, id, CampaignStatus.SCHEDULED, "starts at " + current.startsAt(), null, null, null);
            }
            case PAUSE -> campaigns.setStatus(conn, tenantId, id, CampaignStatus.PAUSED, reasonOr(reason, "paused by hand"), null, null, null)
                    .chain(() -> outbox.append(conn, Topics.CAMPAIGN_EVENTS, CampaignPaused.of(tenantId, now, cid, reasonOr(reason, "paused by hand"))));
            case RESUME -> campaigns.setStatus(conn, tenantId, id, CampaignStatus.RUNNING, null, null, null, null)
                    .chain(() -> outbox.append(conn, Topics.CAMPAIGN_EVENTS, CampaignResumed.of(tenantId, now, cid)));
            case COMPLETE -> campaigns.setStatus(conn, tenantId, id, CampaignStatus.COMPLETED, reasonOr(reason, "completed by hand"), null, null, now)
                    .chain(() -> outbox.append(conn, Topics.CAMPAIGN_EVENTS, CampaignCompleted.of(tenantId, now, cid, reasonOr(reason, "completed by hand"))));
            case CANCEL -> campaigns.setStatus(conn, tenantId, id, CampaignStatus.CANCELLED, reasonOr(reason, "cancelled"), null, null, now)
                    // the dialer knows only started campaigns; for it a cancel is the end of the campaign
                    .chain(() -> current.startedAt() == null ? Uni.createFrom().voidItem()
                            : outbox.append(conn, Topics.CAMPAIGN_EVENTS, CampaignCompleted.of(tenantId, now, cid, "cancelled: " + reasonOr(reason, "by hand"))));
        };
    }

    /** SCHEDULED (or DRAFT being started) becomes RUNNING: the pack version is fixed and CampaignStarted goes out. */
    public Uni<Void> run(SqlConnection conn, Campaign current, Instant now) {
        CampaignSettings s = current.settings();
        return requirePack(conn, current.tenantId(), s).chain(pack -> campaigns.setStatus(conn, current.tenantId(), current.id(),
                        CampaignStatus.RUNNING, null, pack.version(), now, null)
                .chain(() -> outbox.append(conn, Topics.CAMPAIGN_EVENTS, CampaignStarted.of(current.tenantId(), now,
                        current.id().toString(), s.name(), s.dialMode(), pack.id(), s.budget(), s.allowedCarrierIds(),
                        current.endsAt(), CampaignPolicy.dialPolicy(s, pack), s.budgetAlertPercents()))));
    }

    private CampaignSettingsChanged settingsChanged(Campaign before, CampaignSettings after, RulePack pack) {
        CampaignSettings b = before.settings();
        Instant endsAt = CampaignPolicy.instant(after.endDate(), after.timeZone(), true);
        DialPolicy policy = CampaignPolicy.dialPolicy(after, pack);
        // only what changed is present; the dial policy always is, since the pack version may have moved
        return CampaignSettingsChanged.of(before.tenantId(), clock.instant(), before.id().toString(),
                Objects.equals(b.name(), after.name()) ? null : after.name(),
                b.dialMode() == after.dialMode() ? null : after.dialMode(),
                Objects.equals(b.rulePack(), after.rulePack()) ? null : pack.id(),
                Objects.equals(b.budget(), after.budget()) ? null : after.budget(),
                Objects.equals(b.allowedCarrierIds(), after.allowedCarrierIds()) ? null : after.allowedCarrierIds(),
                Objects.equals(before.endsAt(), endsAt) ? null : endsAt,
                policy,
                Objects.equals(b.budgetAlertPercents(), after.budgetAlertPercents()) ? null : after.budgetAlertPercents());
    }

    private Uni<RulePack> requirePack(SqlConnection conn, String tenantId, CampaignSettings s) {
        return packs.find(conn, tenantId, s.rulePack(), s.rulePackVersion()).map(found -> found.orElseThrow(() ->
                new ProblemException(400, "validation", "Invalid request", "rulePack: no rule pack " + s.rulePack()
                        + (s.rulePackVersion() == null ? "" : " version " + s.rulePackVersion()))));
    }

    private Uni<Campaign> lockOr404(SqlConnection conn, String tenantId, UUID id) {
        return campaigns.lock(conn, tenantId, id).map(found -> found.orElseThrow(() -> ProblemException.notFound("campaign", id)));
    }

    static CampaignSettings validated(CampaignSettings requested) {
        List<CampaignPolicy.FieldError> errors = CampaignPolicy.check(requested);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        }
        return CampaignPolicy.withDefaults(requested);
    }

    static String allowed(CampaignStatus status) {
        return status.allowedActions().isEmpty() ? "none" : status.allowedActions().stream().map(Action::verb).collect(Collectors.joining(", "));
    }

    private static String reasonOr(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }
}
