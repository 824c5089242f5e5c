package io.waihu.campaign.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.HopperRules;
import io.waihu.campaign.domain.SuppressionMatcher;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hopper's SQL: enrolment of list contacts into campaign_contact, candidate selection by an index on
 * (campaign, priority, next attempt), and the state changes of a release. Every call takes the caller's
 * connection: a tick is one transaction.
 */
@ApplicationScoped
public class HopperRepository {

    /**
     * A contact belongs to the campaign's audience: active, in one of its lists, and matching every segment entry
     * ($SEG is a JSONB object; a string value must equal the attribute, an array value must contain it).
     */
    static String audience(String contact, int listParam, int segmentParam) {
        return contact + ".status = 'ACTIVE' AND " + contact + ".list_id = ANY($" + listParam + ") AND NOT EXISTS ("
                + "SELECT 1 FROM jsonb_each($" + segmentParam + "::text::jsonb) s WHERE NOT coalesce(CASE "
                + "WHEN jsonb_typeof(s.value) = 'array' THEN (" + contact + ".attributes ->> s.key) IN (SELECT jsonb_array_elements_text(s.value)) "
                + "ELSE (" + contact + ".attributes ->> s.key) = (s.value #>> '{}') END, false))";
    }

    private static final TypeReference<List<Map<String, Object>>> PHONES = new TypeReference<>() { };

    /** Only one replica works on a campaign at a time; the others skip it this tick. */
    public Uni<Boolean> tryLock(SqlClient conn, UUID campaignId) {
        return conn.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext('hopper:' || $1))")
                .execute(Tuple.of(campaignId.toString()))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * Enrols the audience's contacts changed since the last pass (all of them on the first). The 60-second margin
     * covers transactions that wrote a contact before our last pass but committed after it. A contact that was
     * closed for something an update can fix (no consent, no number, unknown zone) is opened again.
     */
    public Uni<Integer> enrol(SqlClient conn, String tenantId, UUID campaignId, String[] listIds, String segmentJson, int priority) {
        return conn.preparedQuery("WITH mark AS (SELECT enrolled_through FROM campaign WHERE id = $1) "
                        + "INSERT INTO campaign_contact (tenant_id, campaign_id, contact_id, priority, next_attempt_at) "
                        + "SELECT c.tenant_id, $1, c.id, $5, c.created_at FROM contact c, mark "
                        + "WHERE c.tenant_id = $2 AND " + audience("c", 3, 4) + " "
                        + "AND (mark.enrolled_through IS NULL OR c.updated_at > mark.enrolled_through - interval '60 seconds') "
                        + "ON CONFLICT (campaign_id, contact_id) DO UPDATE SET done = false, done_reason = NULL, updated_at = now() "
                        + "WHERE campaign_contact.done AND campaign_contact.done_reason IN ('NO_CONSENT', 'NO_NUMBER', 'UNKNOWN_ZONE')")
                .execute(Tuple.of(campaignId, tenantId, listIds, segmentJson, priority))
                .call(() -> conn.preparedQuery("UPDATE campaign SET enrolled_through = now() WHERE id = $1").execute(Tuple.of(campaignId)))
                .map(rows -> rows.rowCount());
    }

    /** Requests the dialer never answered: closed as EXPIRED and the contact becomes due again. */
    public Uni<Integer> expireStale(SqlClient conn, UUID campaignId, Instant now) {
        return conn.preparedQuery("WITH expired AS (UPDATE attempt SET status = 'EXPIRED', updated_at = now() "
                        + "WHERE campaign_id = $1 AND status = 'REQUESTED' AND deadline < $2::timestamptz - interval '2 minutes' "
                        + "RETURNING contact_id) "
                        + "UPDATE campaign_contact cc SET outstanding = false, attempts = greatest(cc.attempts - 1, 0), "
                        + "next_attempt_at = $2, updated_at = now() FROM expired WHERE cc.campaign_id = $1 AND cc.contact_id = expired.contact_id")
                .execute(Tuple.of(campaignId, Rows.utc(now)))
                .map(rows -> rows.rowCount());
    }

    /**
     * Calls the dialer placed but never ended (e.g. it died mid-call) hold a hopper slot for ever. Once their deadline
     * is more than {@code placedTimeout} past, they are closed as LOST and the slot is freed. The call may have rung,
     * so a LOST attempt keeps counting: against the maximum per contact and the frequency caps. The contact is due
     * again at {@code nextAttemptAt} (the campaign's FAILED retry delay).
     */
    public Uni<Integer> expireLost(SqlClient conn, UUID campaignId, Instant now, java.time.Duration placedTimeout, Instant nextAttemptAt) {
        return conn.preparedQuery("WITH lost AS (UPDATE attempt SET status = 'LOST', updated_at = now() "
                        + "WHERE campaign_id = $1 AND status = 'PLACED' AND deadline < $2 RETURNING contact_id) "
                        + "UPDATE campaign_contact cc SET outstanding = false, next_attempt_at = $3, updated_at = now() "
                        + "FROM lost WHERE cc.campaign_id = $1 AND cc.contact_id = lost.contact_id")
                .execute(Tuple.of(campaignId, Rows.utc(now.minus(placedTimeout)), Rows.utc(nextAttemptAt)))
                .map(rows -> rows.rowCount());
    }

    public Uni<Integer> outstanding(SqlClient conn, UUID campaignId) {
        return conn.preparedQuery("SELECT count(*) FROM attempt WHERE campaign_id = $1 AND status IN ('REQUESTED', 'PLACED')")
                .execute(Tuple.of(campaignId))
                .map(rows -> (int) Rows.count(rows));
    }

    /** Due contacts of the audience, best first, row-locked (SKIP LOCKED: another worker's rows are left alone). */
    public Uni<List<HopperRules.Candidate>> candidates(SqlClient conn, String tenantId, UUID campaignId, String[] listIds,
                                                       String segmentJson, Instant now, int limit) {
        return conn.preparedQuery("SELECT cc.contact_id, cc.attempts, cc.next_attempt_at, cc.last_abandon_at, "
                        + "c.phones::text AS phones, c.zone_override, c.consent IS NOT NULL AS has_consent, "
                        + "ARRAY(SELECT a.requested_at FROM attempt a WHERE a.campaign_id = cc.campaign_id AND a.contact_id = cc.contact_id "
                        + "AND a.requested_at > $5::timestamptz - interval '7 days' AND a.status NOT IN ('DROPPED', 'EXPIRED')) AS recent "
                        + "FROM campaign_contact cc JOIN contact c ON c.id = cc.contact_id "
                        + "WHERE cc.campaign_id = $1 AND NOT cc.done AND NOT cc.outstanding AND cc.next_attempt_at <= $5 "
                        + "AND c.tenant_id = $2 AND " + audience("c", 3, 4) + " "
                        + "ORDER BY cc.priority DESC, cc.next_attempt_at LIMIT $6 FOR UPDATE OF cc SKIP LOCKED")
                .execute(Tuple.of(campaignId, tenantId, listIds, segmentJson, Rows.utc(now), limit))
                .map(rows -> Rows.list(rows, HopperRepository::candidate));
    }

    private static HopperRules.Candidate candidate(Row r) {
        List<String> phones = new ArrayList<>();
        List<Map<String, Object>> raw = JsonColumns.read(r.getString("phones"), PHONES);
        if (raw != null) {
            for (Map<String, Object> p : raw) {
                Object n = p.get("number");
                if (n instanceof String s && !s.isBlank()) {
                    phones.add(s);
                }
            }
        }
        OffsetDateTime[] recent = r.getArrayOfOffsetDateTimes("recent");
        List<Instant> recentList = recent == null ? List.of() : Arrays.stream(recent).map(OffsetDateTime::toInstant).toList();
        return new HopperRules.Candidate(r.getUUID("contact_id"), r.getInteger("attempts"), Rows.instant(r, "next_attempt_at"),
                phones, r.getString("zone_override"), r.getBoolean("has_consent"), recentList, Rows.instant(r, "last_abandon_at"));
    }

    /** Live do-not-call entries of the tenant and this campaign that could match any of these numbers. */
    public Uni<SuppressionMatcher> suppressions(SqlClient conn, String tenantId, UUID campaignId, List<String> numbers, Instant now) {
        if (numbers.isEmpty()) {
            return Uni.createFrom().item(SuppressionMatcher.none());
        }
        String[] prefixes = numbers.stream().flatMap(n -> SuppressionMatcher.prefixes(n).stream()).distinct().toArray(String[]::new);
        return conn.preparedQuery("SELECT digits, prefix_match, expires_at FROM suppression_entry WHERE tenant_id = $1 "
                        + "AND (campaign_id IS NULL OR campaign_id = $2) AND removed_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > $3) AND digits = ANY($4)")
                .execute(Tuple.of(tenantId, campaignId.toString(), Rows.utc(now), prefixes))
                .map(rows -> new SuppressionMatcher(Rows.list(rows, r -> new SuppressionMatcher.Entry(r.getString("digits"),
                        r.getBoolean("prefix_match"), Rows.instant(r, "expires_at")))));
    }

    public Uni<Void> defer(SqlClient conn, UUID campaignId, List<UUID> contactIds, List<Instant> until) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < contactIds.size(); i++) {
            batch.add(Tuple.of(campaignId, contactIds.get(i), Rows.utc(until.get(i))));
        }
        return conn.preparedQuery("UPDATE campaign_contact SET next_attempt_at = $3, updated_at = now() "
                        + "WHERE campaign_id = $1 AND contact_id = $2")
                .executeBatch(batch).replaceWithVoid();
    }

    public Uni<Void> close(SqlClient conn, UUID campaignId, List<UUID> contactIds, List<String> reasons) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < contactIds.size(); i++) {
            batch.add(Tuple.of(campaignId, contactIds.get(i), reasons.get(i)));
        }
        return conn.preparedQuery("UPDATE campaign_contact SET done = true, done_reason = $3, updated_at = now() "
                        + "WHERE campaign_id = $1 AND contact_id = $2")
                .executeBatch(batch).replaceWithVoid();
    }

    /** One released attempt, as stored. */
    public record Release(UUID attemptId, String tenantId, UUID campaignId, UUID contactId, String number, List<String> zones,
                          int attemptNumber, int priority, String rulePackId, int rulePackVersion, Instant requestedAt,
                          Instant deadline) {
    }

    public Uni<Void> release(SqlClient conn, List<Release> releases) {
        if (releases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> attempts = new ArrayList<>();
        List<Tuple> contacts = new ArrayList<>();
        for (Release r : releases) {
            attempts.add(Tuple.from(new Object[]{r.attemptId(), r.tenantId(), r.campaignId(), r.contactId(), r.number(),
                    r.zones().toArray(new String[0]), r.attemptNumber(), r.priority(), r.rulePackId(), r.rulePackVersion(),
                    Rows.utc(r.requestedAt()), Rows.utc(r.deadline())}));
            contacts.add(Tuple.of(r.campaignId(), r.contactId(), r.attemptNumber(), Rows.utc(r.requestedAt())));
        }
        return conn.preparedQuery("INSERT INTO attempt (id, tenant_id, campaign_id, contact_id, number, callee_zones, attempt_number, "
                        + "priority, rule_pack_id, rule_pack_version, status, requested_at, deadline) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'REQUESTED', $11, $12)")
                .executeBatch(attempts)
                .chain(() -> conn.preparedQuery("UPDATE campaign_contact SET outstanding = true, attempts = $3, "
                                + "last_attempt_at = $4, updated_at = now() WHERE campaign_id = $1 AND contact_id = $2")
                        .executeBatch(contacts))
                .replaceWithVoid();
    }

    /** Anything left to do: an outstanding request, or an audience contact not done. */
    public Uni<Boolean> hasWorkLeft(SqlClient conn, UUID campaignId, String[] listIds, String segmentJson) {
        return conn.preparedQuery("SELECT NOT EXISTS (SELECT 1 FROM campaign_contact WHERE campaign_id = $1) "
                        + "OR EXISTS (SELECT 1 FROM campaign_contact WHERE campaign_id = $1 AND outstanding) "
                        + "OR EXISTS (SELECT 1 FROM campaign_contact cc JOIN contact c ON c.id = cc.contact_id "
                        + "WHERE cc.campaign_id = $1 AND NOT cc.done AND " + audience("c", 2, 3) + ")")
                .execute(Tuple.of(campaignId, listIds, segmentJson))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
