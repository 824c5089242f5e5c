package io.waihu.dialer.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.rules.SuppressionEntry;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The dialer's do-not-call copy. */
@ApplicationScoped
public class SuppressionRepository {

    /** Adds or replaces an entry; an entry removed before (a late add after its removal) stays removed. */
    public Uni<Void> add(SqlConnection conn, String tenantId, String entryId, String campaignId, String digits, boolean prefixMatch,
                         Instant expiresAt, String source, Instant at) {
        return conn.preparedQuery("INSERT INTO suppression_entry (tenant_id, entry_id, campaign_id, digits, prefix_match, expires_at, "
                        + "source, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, entry_id) DO UPDATE SET "
                        + "campaign_id = EXCLUDED.campaign_id, digits = EXCLUDED.digits, prefix_match = EXCLUDED.prefix_match, "
                        + "expires_at = EXCLUDED.expires_at, source = EXCLUDED.source, added_at = EXCLUDED.added_at "
                        + "WHERE suppression_entry.removed_at IS NULL")
                .execute(Tuple.from(new Object[]{tenantId, entryId, campaignId, digits, prefixMatch, Rows.utc(expiresAt), source, Rows.utc(at)}))
                .replaceWithVoid();
    }

    /** Marks the entry removed; a removal that arrives before its add leaves a tombstone the add respects. */
    public Uni<Void> remove(SqlConnection conn, String tenantId, String entryId, Instant at) {
        return conn.preparedQuery("INSERT INTO suppression_entry (tenant_id, entry_id, removed_at) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (tenant_id, entry_id) DO UPDATE SET removed_at = EXCLUDED.removed_at")
                .execute(Tuple.of(tenantId, entryId, Rows.utc(at)))
                .replaceWithVoid();
    }

    /**
     * Entries in force that may match any of these numbers: the exact numbers, or a prefix entry on any leading
     * digits of one. The caller checks campaign and match per number ({@link SuppressionEntry#suppresses}).
     */
    public Uni<List<SuppressionEntry>> candidates(SqlConnection conn, String tenantId, Collection<String> e164Numbers, Instant now) {
        Set<String> exact = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (String number : e164Numbers) {
            String digits = number.startsWith("+") ? number.substring(1) : number;
            exact.add(digits);
            for (int len = 1; len <= digits.length(); len++) {
                prefixes.add(digits.substring(0, len));
            }
        }
        return conn.preparedQuery("SELECT entry_id, campaign_id, digits, prefix_match, expires_at FROM suppression_entry "
                        + "WHERE tenant_id = $1 AND removed_at IS NULL AND digits IS NOT NULL AND (expires_at IS NULL OR expires_at > $2) "
                        + "AND ((NOT prefix_match AND digits = ANY($3)) OR (prefix_match AND digits = ANY($4)))")
                .execute(Tuple.of(tenantId, Rows.utc(now), exact.toArray(new String[0]), prefixes.toArray(new String[0])))
                .map(rows -> {
                    List<SuppressionEntry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SuppressionEntry(r.getString("entry_id"), r.getString("campaign_id"),
                            r.getString("digits"), r.getBoolean("prefix_match"), Rows.instant(r, "expires_at"))));
                    return out;
                });
    }
}
