package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.Contact;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.domain.ImportedContact;
import io.waihu.campaign.repository.ContactRepository;
import io.waihu.platform.persistence.Rows;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's two ways of writing a batch store the same rows: the plain insert (a batch of new contacts) and the
 * upsert by external id. A batch that meets stored contacts (active, opted out, erased) falls back to the upsert and
 * leaves nothing of its failed insert behind. And every query on contact still has an index after V7.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestProfile(ContactImportBench.NoLoop.class) // no hopper ticks: the plans are read on a quiet table
class ContactImportWriteTest {

    @Inject
    Pool pool;

    @Inject
    ContactRepository contacts;

    /** Rows of every shape the parser produces: with and without name, zone, consent, attributes, second number. */
    private static List<ImportedContact> rows(int n) {
        List<ImportedContact> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Contact.ContactPhone> phones = new ArrayList<>(List.of(new Contact.ContactPhone("+86138" + String.format(Locale.ROOT, "%08d", i), "MOBILE")));
            if (i % 3 == 0) {
                phones.add(new Contact.ContactPhone("+86106" + String.format(Locale.ROOT, "%07d", i), "HOME"));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (i % 2 == 0) {
                attributes.put("tier", "gold");
                attributes.put("city", "Beijing \"north\", é");
            }
            rows.add(new ImportedContact(i + 2, "ext-" + i, i % 5 == 0 ? null : "Contact " + i, phones,
                    i % 4 == 0 ? null : "Asia/Shanghai", attributes,
                    i % 3 == 1 ? null : new Contact.ContactConsent("EXPRESS_CONSENT", Instant.parse("2026-01-0" + (i % 9 + 1) + "T09:00:00Z"), "web-form")));
        }
        return rows;
    }

    /** Everything stored for the tenant's contacts except the tenant, in external id order; timestamps as checks. */
    private List<List<Object>> stored(String tenant) {
        return pool.preparedQuery("SELECT id, external_id, list_id, name, phones::text, zone_override, attributes::text, consent::text, "
                        + "status, last_event_at = created_at AND updated_at = created_at, created_at >= now() - interval '10 minutes' "
                        + "FROM contact WHERE tenant_id = $1 ORDER BY external_id")
                .execute(Tuple.of(tenant))
                .map(rs -> Rows.list(rs, r -> {
                    List<Object> values = new ArrayList<>();
                    for (int c = 0; c < r.size(); c++) {
                        values.add(r.getValue(c));
                    }
                    return values;
                }))
                .await().indefinitely();
    }

    private static List<List<Object>> withoutIds(List<List<Object>> rows) {
        return rows.stream().map(r -> r.subList(1, r.size())).toList();
    }

    @Test
    void plainInsertStoresExactlyWhatTheUpsertStores() {
        String viaInsert = "tenant-" + UUID.randomUUID();
        String viaUpsert = "tenant-" + UUID.randomUUID();
        ContactRepository.ImportBatch a = ContactRepository.prepare(rows(40));
        ContactRepository.ImportBatch b = ContactRepository.prepare(rows(40));

        ContactRepository.ImportWrite inserted = contacts.writeImported(viaInsert, "l", a, true).await().indefinitely();
        Map<String, ContactStatus> upserted = contacts.upsertImported(viaUpsert, "l", b).await().indefinitely();

        assertThat(inserted.conflicted()).isFalse();
        assertThat(inserted.exceptions()).isEmpty();
        assertThat(upserted).isEmpty();
        List<List<Object>> one = stored(viaInsert);
        List<List<Object>> two = stored(viaUpsert);
        assertThat(one).hasSize(40);
        assertThat(withoutIds(one)).isEqualTo(withoutIds(two));
        // the ids are the batch's own, on both paths
        assertThat(one.stream().map(r -> r.get(0)).toList()).containsExactlyInAnyOrderElementsOf(List.of(a.ids()));
        assertThat(two.stream().map(r -> r.get(0)).toList()).containsExactlyInAnyOrderElementsOf(List.of(b.ids()));
        // every row ACTIVE, the three timestamps the statement's now(), written just now
        assertThat(one).allSatisfy(r -> {
            assertThat(r.get(8)).isEqualTo("ACTIVE");
            assertThat(r.get(9)).isEqualTo(true);
            assertThat(r.get(10)).isEqualTo(true);
        });
        // spot check of the JSON columns as the API reads them
        assertThat(one.get(0).get(4)).isEqualTo("[{\"type\": \"MOBILE\", \"number\": \"+8613800000000\"}, {\"type\": \"HOME\", \"number\": \"+861060000000\"}]");
        assertThat(one.get(0).get(6)).isEqualTo("{\"city\": \"Beijing \\\"north\\\", é\", \"tier\": \"gold\"}");
    }

    @Test
    void aBatchMeetingStoredContactsFallsBackToTheUpsertAndLeavesNothingOfTheInsert() {
        String viaFallback = "tenant-" + UUID.randomUUID();
        String viaUpsert = "tenant-" + UUID.randomUUID();
        for (String tenant : List.of(viaFallback, viaUpsert)) {
            // stored before the upload: ext-20 active in another list, ext-21 opted out, ext-22 erased
            pool.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, status, last_event_at) VALUES "
                            + "($1, $4, 'ext-20', 'other', 'a', '[]', 'ACTIVE', now()), "
                            + "($2, $4, 'ext-21', 'other', 'o', '[]', 'OPTED_OUT', now()), "
                            + "($3, $4, 'ext-22', NULL, NULL, '[]', 'ERASED', now())")
                    .execute(Tuple.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), tenant)).await().indefinitely();
        }
        ContactRepository.ImportWrite fallback = contacts.writeImported(viaFallback, "l", ContactRepository.prepare(rows(40)), true)
                .await().indefinitely();
        Map<String, ContactStatus> upserted = contacts.upsertImported(viaUpsert, "l", ContactRepository.prepare(rows(40))).await().indefinitely();

        assertThat(fallback.conflicted()).isTrue();
        assertThat(fallback.exceptions()).isEqualTo(Map.of("ext-21", ContactStatus.OPTED_OUT, "ext-22", ContactStatus.ERASED))
                .isEqualTo(upserted);
        List<List<Object>> one = stored(viaFallback);
        List<List<Object>> two = stored(viaUpsert);
        assertThat(one).hasSize(40); // 37 new + 3 stored: the failed insert left no row
        // new rows and updated rows alike; the stored rows keep their ids on both paths
        List<List<Object>> oneChanging = one.stream().map(r -> r.subList(1, 9)).toList();
        List<List<Object>> twoChanging = two.stream().map(r -> r.subList(1, 9)).toList();
        assertThat(oneChanging).isEqualTo(twoChanging);
        Map<String, String> statuses = new LinkedHashMap<>();
        one.forEach(r -> statuses.put((String) r.get(1), (String) r.get(8)));
        assertThat(statuses).containsEntry("ext-20", "ACTIVE").containsEntry("ext-21", "OPTED_OUT").containsEntry("ext-22", "ERASED");
        Long dead = pool.preparedQuery("SELECT count(*) FROM contact WHERE tenant_id = $1 AND list_id = 'l' AND status = 'ERASED'")
                .execute(Tuple.of(viaFallback)).map(Rows::count).await().indefinitely();
        assertThat(dead).isZero();
    }

    /**
     * Every query on contact can be served by an index (V7 merged the list indexes, V8 put the hopper's back): the plans are read
     * with sequential scans off, on a table of 6,000 contacts in 3 lists with a few opted out.
     */
    @Test
    void everyContactQueryHasAnIndex() {
        String tenant = "tenant-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, attributes, status, last_event_at) "
                        + "SELECT gen_random_uuid(), $1, 'e-' || g, 'list-' || (g % 3), 'n', '[]', '{\"tier\":\"gold\"}', "
                        + "CASE WHEN g % 50 = 0 THEN 'OPTED_OUT' ELSE 'ACTIVE' END, now() FROM generate_series(1, 6000) g")
                .execute(Tuple.of(tenant)).await().indefinitely();
        pool.query("VACUUM ANALYZE contact").execute().await().indefinitely();
        String t = "'" + tenant + "'";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("contact_tenant_list", "SELECT id FROM contact WHERE tenant_id = " + t + " AND list_id = 'list-1' ORDER BY external_id LIMIT 50 OFFSET 100");
        queries.put("any index 1", "SELECT id FROM contact WHERE tenant_id = " + t + " AND list_id = 'list-1' AND status = 'OPTED_OUT' "
                + "ORDER BY external_id LIMIT 50");
        queries.put("any index 2", "SELECT count(*) FROM contact WHERE tenant_id = " + t + " AND list_id = 'list-1' AND status = 'OPTED_OUT'");
        queries.put("any index 5", "SELECT count(*) FROM contact WHERE tenant_id = " + t + " AND list_id = 'list-1'");
        queries.put("any index 3", "SELECT c.id FROM contact c WHERE c.tenant_id = " + t + " AND c.status = 'ACTIVE' "
                + "AND c.list_id = ANY('{list-1,list-2}') AND (c.attributes ->> 'tier') = 'gold'");
        queries.put("any index 4", "SELECT c.id FROM contact c WHERE c.tenant_id = " + t + " AND c.status = 'ACTIVE' "
                + "AND c.list_id = ANY('{list-1,list-2}') AND c.updated_at > now() - interval '1 second'");
        queries.put("contact_tenant_id_external_id_key", "SELECT id FROM contact WHERE tenant_id = " + t + " AND external_id = 'e-17'");
        queries.put("contact_pkey", "SELECT name FROM contact WHERE id = '" + UUID.randomUUID() + "'");
        pool.withConnection(conn -> conn.query("SET enable_seqscan = off").execute().chain(() -> {
            io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (Map.Entry<String, String> q : queries.entrySet()) {
                chain = chain.chain(() -> conn.query("EXPLAIN " + q.getValue()).execute().map(rs -> {
                    StringBuilder plan = new StringBuilder();
                    for (Row r : rs) {
                        plan.append(r.getString(0)).append('\n');
                    }
                    System.out.println("PLAN " + q.getValue().replace(tenant, "T") + "\n" + plan);
                    // with sequential scans off, the planner scans the table only when no index can serve the query
                    assertThat(plan.toString()).as(q.getValue()).doesNotContain("Seq Scan");
                    if (!q.getKey().startsWith("any index")) {
                        assertThat(plan.toString()).as(q.getValue()).containsPattern("(using|Index Scan on) " + q.getKey().trim() + "\\s");
                    }
                    return null;
                }).replaceWithVoid());
            }
            return chain.call(() -> conn.query("RESET enable_seqscan").execute());
        })).await().indefinitely();
        List<String> indexes = pool.query("SELECT indexname FROM pg_indexes WHERE tablename = 'contact' ORDER BY indexname").execute()
                .map(rs -> Rows.list(rs, r -> r.getString(0))).await().indefinitely();
        assertThat(indexes).containsExactly("contact_pkey", "contact_tenant_id_external_id_key", "contact_tenant_list", "contact_tenant_list_status", "contact_tenant_updated");
    }
}
