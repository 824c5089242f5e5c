package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.campaign.domain.Attempt;
import io.waihu.campaign.domain.CampaignPolicy;
import io.waihu.campaign.domain.CampaignSettings;
import io.waihu.campaign.domain.DispositionDefinition;
import io.waihu.campaign.domain.SuppressionMatcher;
import io.waihu.campaign.repository.AttemptRepository;
import io.waihu.campaign.repository.CampaignContactRepository;
import io.waihu.campaign.repository.CampaignRepository;
import io.waihu.events.Topics;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Business outcomes agents or the CRM record for an attempt. OutcomeRecorded goes out through the outbox with the
 * disposition's flags; an opt-out adds a tenant-wide do-not-call entry for the number (SuppressionAdded) and closes
 * the contact; a callback opens it again.
 */
@ApplicationScoped
public class OutcomeService {

    static final String SOURCE_OUTCOME_OPT_OUT = "OUTCOME_OPT_OUT";

    private final Pool pool;
    private final AttemptRepository attempts;
    private final CampaignRepository campaigns;
    private final CampaignContactRepository contacts;
    private final SuppressionService suppression;
    private final Outbox outbox;
    private final Clock clock;

    public OutcomeService(Pool pool, AttemptRepository attempts, CampaignRepository campaigns, CampaignContactRepository contacts,
                          SuppressionService suppression, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.attempts = attempts;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.suppression = suppression;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param callbackAt when a callback disposition should ring again; null = after the NO_ANSWER retry delay */
    public Uni<Attempt> record(String tenantId, UUID attemptId, String code, String note, Instant callbackAt, String recordedBy) {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> attempts.lock(conn, tenantId, attemptId).chain(found -> {
            Attempt attempt = found.orElseThrow(() -> ProblemException.notFound("attempt", attemptId));
            if (attempt.outcome() != null) {
                throw ProblemException.conflict("attempt " + attemptId + " already has outcome " + attempt.outcome());
            }
            if (attempt.status().equals("DROPPED") || attempt.status().equals("EXPIRED")) {
                throw ProblemException.conflict("attempt " + attemptId + " was never dialled (" + attempt.status() + ")");
            }
            return campaigns.find(conn, tenantId, attempt.campaignId()).chain(campaign -> {
                CampaignSettings s = CampaignPolicy.withDefaults(campaign.orElseThrow().settings());
                DispositionDefinition d = s.dispositions().stream().filter(x -> x.code().equals(code)).findFirst()
                        .orElseThrow(() -> new ProblemException(400, "validation", "Invalid request", "disposition: " + code
                                + " is not in this campaign's set (" + s.dispositions().stream().map(DispositionDefinition::code)
                                .collect(Collectors.joining(", ")) + ")"));
                OutcomeRecorded event = OutcomeRecorded.of(tenantId, now, attempt.campaignId().toString(), attemptId.toString(),
                        attempt.callId(), attempt.contactId().toString(), d.code(), d.contact(), d.rightPartyContact(),
                        d.conversion(), d.optOut(), recordedBy);
                Uni<Void> effect = attempts.recordOutcome(conn, attemptId, d.code(), note, recordedBy, now)
                        .chain(() -> outbox.append(conn, Topics.OUTCOME_EVENTS, event));
                if (d.optOut()) {
                    // refusals are honoured at once: every campaign of the tenant, and this contact is done here
                    effect = effect.chain(() -> suppression.add(conn, tenantId, null, SuppressionMatcher.digits(attempt.number()),
                                    false, null, SOURCE_OUTCOME_OPT_OUT, "outcome " + d.code() + " on attempt " + attemptId))
                            .chain(() -> contacts.close(conn, attempt.campaignId(), attempt.contactId(), "OPT_OUT"));
                } else if (d.callback()) {
                    Instant at = callbackAt != null ? callbackAt
                            : now.plus(CampaignPolicy.retryDelays(s).get(CallDisposition.NO_ANSWER));
                    effect = effect.chain(() -> contacts.callBackAt(conn, attempt.campaignId(), attempt.contactId(), at,
                            s.caps().maxAttemptsPerContact()));
                }
                return effect.chain(() -> attempts.lock(conn, tenantId, attemptId)).map(a -> a.orElseThrow());
            });
        }));
    }
}
