package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.RetryPlan;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A contact's state within one campaign, as attempts close and outcomes arrive. */
@ApplicationScoped
public class CampaignContactRepository {

    /** @return attempts so far, if the contact is in the campaign (row-locked) */
    public Uni<Optional<Integer>> lockAttempts(SqlClient client, UUID campaignId, UUID contactId) {
        return client.preparedQuery("SELECT attempts FROM campaign_contact WHERE campaign_id = $1 AND contact_id = $2 FOR UPDATE")
                .execute(Tuple.of(campaignId, contactId))
                .map(rows -> Rows.first(rows, r -> r.getInteger(0)));
    }

    /**
     * The attempt closed after a call.
     *
     * @param wasOutstanding the attempt was the contact's open request (not one the hopper had already expired or
     *                       closed as lost): its end frees the contact's slot
     * @param countsNow the attempt's count was given back when it expired, so the call counts again now
     */
    public Uni<Void> afterCall(SqlClient client, UUID campaignId, UUID contactId, String disposition, Instant abandonedAt,
                               RetryPlan.Next next, boolean wasOutstanding, boolean countsNow) {
        return client.preparedQuery("UPDATE campaign_contact SET "
                        + "outstanding = CASE WHEN $7 THEN false ELSE outstanding END, "
                        + "attempts = CASE WHEN $9 THEN attempts + 1 ELSE attempts END, "
                        + "last_disposition = $3, last_abandon_at = coalesce($4, last_abandon_at), "
                        + "done = $5, done_reason = $6, next_attempt_at = coalesce($8, next_attempt_at), updated_at = now() "
                        + "WHERE campaign_id = $1 AND contact_id = $2")
                .execute(Tuple.from(new Object[]{campaignId, contactId, disposition, Rows.utc(abandonedAt), next.done(),
                        next.doneReason(), wasOutstanding, Rows.utc(next.nextAttemptAt()), countsNow}))
                .replaceWithVoid();
    }

    /** The request was not dialled: it does not count as an attempt. */
    public Uni<Void> afterDrop(SqlClient client, UUID campaignId, UUID contactId, RetryPlan.Next next) {
        return client.preparedQuery("UPDATE campaign_contact SET outstanding = false, attempts = greatest(attempts - 1, 0), "
                        + "done = $3, done_reason = $4, next_attempt_at = coalesce($5, next_attempt_at), updated_at = now() "
                        + "WHERE campaign_id = $1 AND contact_id = $2")
                .execute(Tuple.of(campaignId, contactId, next.done(), next.doneReason(), Rows.utc(next.nextAttemptAt())))
                .replaceWithVoid();
    }

    /** An outcome closes the contact for good (opt-out) or opens it again for a callback. */
    public Uni<Void> close(SqlClient client, UUID campaignId, UUID contactId, String reason) {
        return client.preparedQuery("UPDATE campaign_contact SET done = true, done_reason = $3, updated_at = now() "
                        + "WHERE campaign_id = $1 AND contact_id = $2")
                .execute(Tuple.of(campaignId, contactId, reason))
                .replaceWithVoid();
    }

    public Uni<Void> callBackAt(SqlClient client, UUID campaignId, UUID contactId, Instant at, int maxAttempts) {
        return client.preparedQuery("UPDATE campaign_contact SET done = (attempts >= $4), "
                        + "done_reason = CASE WHEN attempts >= $4 THEN 'MAX_ATTEMPTS' ELSE NULL END, "
                        + "next_attempt_at = $3, updated_at = now() WHERE campaign_id = $1 AND contact_id = $2")
                .execute(Tuple.of(campaignId, contactId, Rows.utc(at), maxAttempts))
                .replaceWithVoid();
    }
}
