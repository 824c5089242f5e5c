package io.waihu.campaign.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.domain.ImportJson;
import io.waihu.campaign.domain.ImportedContact;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ContactRepository {

    private static final String COLUMNS = "id, tenant_id, external_id, list_id, name, phones::text, zone_override, "
            + "attributes::text, consent::text, status, last_event_at, updated_at";

    private static final TypeReference<List<Contact.ContactPhone>> PHONES = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };
    private static final TypeReference<Contact.ContactConsent> CONSENT = new TypeReference<>() { };

    private final Pool pool;

    public ContactRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts or replaces the contact unless a newer CRM event was applied already (events can arrive late).
     * An erased contact stays erased: a later upsert for it is ignored.
     */
    public Uni<Void> upsert(SqlConnection conn, Contact c) {
        return conn.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, zone_override, "
                        + "attributes, consent, status, last_event_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8::text::jsonb, $9::text::jsonb, $10, $11, now()) "
                        + "ON CONFLICT (tenant_id, external_id) DO UPDATE SET list_id = EXCLUDED.list_id, name = EXCLUDED.name, "
                        + "phones = EXCLUDED.phones, zone_override = EXCLUDED.zone_override, attributes = EXCLUDED.attributes, "
                        + "consent = EXCLUDED.consent, last_event_at = EXCLUDED.last_event_at, updated_at = now() "
                        + "WHERE contact.last_event_at <= EXCLUDED.last_event_at AND contact.status <> 'ERASED'")
                .execute(Tuple.from(new Object[]{c.id(), c.tenantId(), c.externalId(), c.listId(), c.name(),
                        JsonColumns.write(c.phones()), c.zoneOverride(), JsonColumns.write(c.attributes()), c.consent() == null ? null : JsonColumns.write(c.consent()),
                        c.status().name(), c.lastEventAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /**
     * One chunk of uploaded rows, ready to write: distinct external ids (the last row of an id wins), the JSON columns
     * already written. Built on the import's parse threads, so the single writer only sends it.
     *
     * @param lines the file line of each written row, for the refusals the write reports
     * @param earlierLines for each written row, the lines of the earlier rows of its external id in this chunk (they
     *                     share its fate: accepted, kept opted out, or refused as erased), or null when there are none
     */
    public record ImportBatch(UUID[] ids, String[] externalIds, String[] names, String[] phones, String[] zones,
                              String[] attributes, String[] consents, long[] lines, long[][] earlierLines) {
        public int size() {
            return externalIds.length;
        }
    }

    /** Dedups by external id (the last row wins, one statement cannot update a row twice) and writes the JSON columns. */
    public static ImportBatch prepare(List<ImportedContact> accepted) {
        Map<String, ImportedContact> last = new java.util.LinkedHashMap<>(accepted.size() * 2);
        Map<String, List<Long>> earlier = null;
        for (ImportedContact c : accepted) {
            ImportedContact before = last.remove(c.externalId()); // a repeated id moves to its last row: the batch stays in file order
            if (before != null) {
                if (earlier == null) {
                    earlier = new java.util.HashMap<>();
                }
                earlier.computeIfAbsent(c.externalId(), k -> new java.util.ArrayList<>()).add(before.line());
            }
            last.put(c.externalId(), c);
        }
        int n = last.size();
        UUID[] ids = new UUID[n];
        String[] externalIds = new String[n];
        String[] names = new String[n];
        String[] phones = new String[n];
        String[] zones = new String[n];
        String[] attributes = new String[n];
        String[] consents = new String[n];
        long[] lines = new long[n];
        long[][] earlierLines = new long[n][];
        int i = 0;
        for (ImportedContact c : last.values()) {
            ids[i] = timeOrderedId();
            externalIds[i] = c.externalId();
            names[i] = c.name();
            phones[i] = ImportJson.phones(c.phones());
            zones[i] = c.zone();
            attributes[i] = ImportJson.attributes(c.attributes());
            consents[i] = ImportJson.consent(c.consent());
            lines[i] = c.line();
            List<Long> before = earlier == null ? null : earlier.get(c.externalId());
            earlierLines[i] = before == null ? null : before.stream().mapToLong(Long::longValue).toArray();
            i++;
        }
        return new ImportBatch(ids, externalIds, names, phones, zones, attributes, consents, lines, earlierLines);
    }

    /**
     * A new contact's id: milliseconds since the epoch first, then random bits (the layout of a version 7 UUID). New
     * rows land at the right edge of the primary key index instead of at random pages, which keeps a big import's
     * index writes (and their WAL) local. Ids are never secrets: every read is by tenant and role.
     */
    static UUID timeOrderedId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** What writing a batch did: the exceptions of {@link #upsertImported}, and whether the plain insert met a stored id. */
    public record ImportWrite(Map<String, ContactStatus> exceptions, boolean conflicted) {
    }

    /**
     * Writes one batch of uploaded contacts. With {@code insertFirst}, the batch is first sent as a plain INSERT: when
     * none of its external ids is stored yet (a new list, the usual case) that is the whole write, and PostgreSQL skips
     * the work of ON CONFLICT (a probe of the unique index before each row and one more WAL record per row). If any id
     * is stored already, the statement fails with a unique violation before anything is committed, and the batch is
     * written by {@link #upsertImported} instead. Either way the stored rows are the same.
     */
    public Uni<ImportWrite> writeImported(String tenantId, String listId, ImportBatch batch, boolean insertFirst) {
        if (!insertFirst) {
            return upsertImported(tenantId, listId, batch).map(exceptions -> new ImportWrite(exceptions, false));
        }
        return insertImported(tenantId, listId, batch)
                .map(ignored -> new ImportWrite(Map.of(), false))
                .onFailure(ContactRepository::isUniqueViolation)
                .recoverWithUni(() -> upsertImported(tenantId, listId, batch).map(exceptions -> new ImportWrite(exceptions, true)));
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    /** A batch as rows, from parameters $3..$9 (see {@link #importParams}). */
    private static final String IMPORTED_ROWS = "unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])";
    private static final String IMPORTED_COLUMNS = "id, external_id, name, phones, zone, attributes, consent";
    /** New contacts from the batch rows {@code b}: ACTIVE, all three timestamps the statement's now(). */
    private static final String INSERT_IMPORTED = "INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, zone_override, "
            + "attributes, consent, status, last_event_at, updated_at) "
            + "SELECT b.id, $1, b.external_id, $2, b.name, b.phones::jsonb, b.zone, b.attributes::jsonb, b.consent::jsonb, "
            + "'ACTIVE', now(), now() FROM ";

    private static Tuple importParams(String tenantId, String listId, ImportBatch batch) {
        return Tuple.from(new Object[]{tenantId, listId, batch.ids(), batch.externalIds(), batch.names(), batch.phones(),
                batch.zones(), batch.attributes(), batch.consents()});
    }

    /**
     * The insert branch of {@link #upsertImported} alone, with the same columns and values: every row new and ACTIVE.
     * Fails as a whole (nothing written) with a unique violation when an external id of the batch is stored already.
     */
    Uni<Void> insertImported(String tenantId, String listId, ImportBatch batch) {
        return pool.preparedQuery(INSERT_IMPORTED + IMPORTED_ROWS + " AS b(" + IMPORTED_COLUMNS + ")")
                .execute(importParams(tenantId, listId, batch))
                .replaceWithVoid();
    }

    /**
     * Writes one batch of uploaded contacts in one statement: new ones are inserted ACTIVE, existing ones (by external
     * id) get the uploaded data and move to the list but keep their status, so an opted-out contact stays opted out.
     * Erased contacts are not touched at all.
     *
     * @return the contacts written whose status is not ACTIVE (kept OPTED_OUT), and as ERASED the external ids that
     *         were not written because the contact was erased; every other row of the batch was written ACTIVE
     */
    public Uni<Map<String, ContactStatus>> upsertImported(String tenantId, String listId, ImportBatch batch) {
        // only the exceptions come back: a 1,000-row batch usually answers with no rows at all
        return pool.preparedQuery("WITH b AS (SELECT * FROM " + IMPORTED_ROWS + " AS u(" + IMPORTED_COLUMNS + ")), "
                        + "w AS (" + INSERT_IMPORTED + "b "
                        + "ON CONFLICT (tenant_id, external_id) DO UPDATE SET list_id = EXCLUDED.list_id, name = EXCLUDED.name, "
                        + "phones = EXCLUDED.phones, zone_override = EXCLUDED.zone_override, attributes = EXCLUDED.attributes, "
                        + "consent = EXCLUDED.consent, last_event_at = greatest(contact.last_event_at, EXCLUDED.last_event_at), "
                        + "updated_at = now() "
                        + "WHERE contact.status <> 'ERASED' "
                        + "RETURNING external_id, status) "
                        + "SELECT b.external_id, coalesce(w.status, 'ERASED') FROM b LEFT JOIN w ON w.external_id = b.external_id "
                        + "WHERE w.status IS DISTINCT FROM 'ACTIVE'")
                .execute(importParams(tenantId, listId, batch))
                .map(rows -> {
                    Map<String, ContactStatus> exceptions = new java.util.HashMap<>();
                    for (Row r : rows) {
                        exceptions.put(r.getString(0), ContactStatus.valueOf(r.getString(1)));
                    }
                    return exceptions;
                });
    }

    public Uni<Void> markOptedOut(SqlConnection conn, String tenantId, String externalId, Instant at) {
        return conn.preparedQuery("UPDATE contact SET status = 'OPTED_OUT', last_event_at = greatest(last_event_at, $3), "
                        + "updated_at = now() WHERE tenant_id = $1 AND external_id = $2 AND status = 'ACTIVE'")
                .execute(Tuple.of(tenantId, externalId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The contact's numbers (E.164), read in the caller's transaction; empty when there is no such contact. */
    public Uni<List<Contact.ContactPhone>> phones(SqlConnection conn, String tenantId, String externalId) {
        return conn.preparedQuery("SELECT phones::text FROM contact WHERE tenant_id = $1 AND external_id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, externalId))
                .map(rows -> rows.size() == 0 ? List.<Contact.ContactPhone>of() : JsonColumns.read(rows.iterator().next().getString(0), PHONES));
    }

    /**
     * Removes the personal data and keeps the row, so attempts and costs still add up. A contact the CRM erases before
     * it ever reached us is stored as an erased tombstone, so a late upsert cannot bring it back.
     */
    public Uni<Void> erase(SqlConnection conn, String tenantId, String externalId, Instant at) {
        return conn.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, status, last_event_at) VALUES ($1, $2, $3, 'ERASED', $4) "
                        + "ON CONFLICT (tenant_id, external_id) DO UPDATE SET status = 'ERASED', name = NULL, phones = '[]', "
                        + "attributes = '{}', consent = NULL, zone_override = NULL, "
                        + "last_event_at = greatest(contact.last_event_at, EXCLUDED.last_event_at), updated_at = now()")
                .execute(Tuple.of(UUID.randomUUID(), tenantId, externalId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<Contact>> findByExternalId(String tenantId, String externalId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM contact WHERE tenant_id = $1 AND external_id = $2")
                .execute(Tuple.of(tenantId, externalId))
                .map(rows -> Rows.first(rows, this::map));
    }

    public Uni<List<Contact>> page(String tenantId, String listId, ContactStatus status, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM contact WHERE tenant_id = $1 "
                        + "AND ($2::text IS NULL OR list_id = $2) AND ($3::text IS NULL OR status = $3) "
                        + "ORDER BY external_id LIMIT $4 OFFSET $5")
                .execute(Tuple.of(tenantId, listId, status == null ? null : status.name(), page.size, page.offset()))
                .map(rows -> Rows.list(rows, this::map));
    }

    public Uni<Long> count(String tenantId, String listId, ContactStatus status) {
        return pool.preparedQuery("SELECT count(*) FROM contact WHERE tenant_id = $1 "
                        + "AND ($2::text IS NULL OR list_id = $2) AND ($3::text IS NULL OR status = $3)")
                .execute(Tuple.of(tenantId, listId, status == null ? null : status.name()))
                .map(Rows::count);
    }



    private Contact map(Row r) {
        return new Contact(r.getUUID("id"), r.getString("tenant_id"), r.getString("external_id"), r.getString("list_id"),
                r.getString("name"), JsonColumns.read(r.getString(5), PHONES), r.getString("zone_override"),
                JsonColumns.read(r.getString(7), ATTRIBUTES), JsonColumns.read(r.getString(8), CONSENT), ContactStatus.valueOf(r.getString("status")),
                r.getOffsetDateTime("last_event_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant());
    }
}
