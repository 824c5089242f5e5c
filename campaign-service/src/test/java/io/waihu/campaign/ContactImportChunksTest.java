package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.platform.persistence.Rows;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.RepeatedTest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Imports in tiny chunks (3 rows) with two writes in flight, randomized: a few external ids repeat all over the
 * file, some rows carry a bad number, one id belongs to an erased contact and one to an opted-out one. An exact
 * oracle replays the rules: the last good row of an id wins across chunks (a later chunk is never overtaken),
 * every row of the erased id is refused at its line, the counters match row for row and the refusals come in line
 * order. -Dimport.seed=N replays a run.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestProfile(ContactImportChunksTest.TinyChunks.class)
class ContactImportChunksTest {

    static final int CHUNK = 3;

    public static class TinyChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waihu.imports.batch-size", String.valueOf(CHUNK), "waihu.imports.writes-in-flight", "2",
                    "waihu.hopper.enabled", "false");
        }
    }

    @Inject
    Pool pool;

    private static RequestSpecification as(String tenant) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin"));
    }

    record Row(long line, String id, String name, boolean good) {
    }

    @RepeatedTest(3)
    void repeatedIdsAcrossChunksLastRowWinsAndEveryRowIsAccountedFor() {
        long seed = Long.getLong("import.seed", System.nanoTime());
        Random random = new Random(seed);
        String tenant = "tenant-" + UUID.randomUUID();
        String list = "chunks";
        as(tenant).contentType("application/json").body("{\"id\":\"" + list + "\",\"name\":\"chunks\",\"defaultRegion\":\"CN\"}")
                .when().post("/api/v1/contact-lists").then().statusCode(201);
        // x-8 opted out and x-9 erased before the upload
        pool.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, status, last_event_at) VALUES "
                        + "($1, $2, 'x-8', 'other', 'o', '[{\"number\":\"+8613800138000\",\"type\":\"MOBILE\"}]', 'OPTED_OUT', now()), "
                        + "($3, $2, 'x-9', NULL, NULL, '[]', 'ERASED', now())")
                .execute(Tuple.of(UUID.randomUUID(), tenant, UUID.randomUUID())).await().indefinitely();

        int n = 30 + random.nextInt(60);
        List<Row> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("externalId,name,phone1\n");
        for (int i = 0; i < n; i++) {
            String id = "x-" + random.nextInt(10);
            boolean good = random.nextInt(5) > 0;
            String name = "n" + i;
            String phone = good ? String.format("139%08d", random.nextInt(100_000_000)) : "12345";
            rows.add(new Row(i + 2, id, name, good));
            csv.append(id).append(',').append(name).append(',').append(phone).append('\n');
        }

        // the oracle
        long accepted = 0;
        long rejected = 0;
        long keptOptedOut = 0;
        List<String> errors = new ArrayList<>();
        Map<String, String> lastName = new HashMap<>();
        for (Row r : rows) {
            if (!r.good()) {
                rejected++;
                errors.add(r.line() + ",phone1");
            } else if (r.id().equals("x-9")) {
                rejected++;
                errors.add(r.line() + ",externalId");
            } else {
                accepted++;
                if (r.id().equals("x-8")) {
                    keptOptedOut++;
                }
                lastName.put(r.id(), r.name());
            }
        }

        String location = as(tenant).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/contact-lists/" + list + "/imports").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String status = as(tenant).when().get(location).then().statusCode(200).extract().path("status");
            return status.equals("COMPLETED") || status.equals("FAILED");
        });
        JsonPath job = as(tenant).when().get(location).then().statusCode(200).extract().jsonPath();
        String why = "seed " + seed + " (-Dimport.seed=" + seed + "), file:\n" + csv;
        assertThat(job.getString("status")).as(why).isEqualTo("COMPLETED");
        assertThat(job.getLong("rowsRead")).as(why).isEqualTo(n);
        assertThat(job.getLong("rowsAccepted")).as(why).isEqualTo(accepted);
        assertThat(job.getLong("rowsRejected")).as(why).isEqualTo(rejected);
        assertThat(job.getLong("rowsKeptOptedOut")).as(why).isEqualTo(keptOptedOut);

        List<String> stored = pool.preparedQuery("SELECT e.line, e.column_name FROM import_error e JOIN import_job j ON j.id = e.job_id "
                        + "WHERE j.tenant_id = $1 ORDER BY e.seq").execute(Tuple.of(tenant))
                .map(rs -> Rows.list(rs, r -> r.getLong(0) + "," + r.getString(1))).await().indefinitely();
        assertThat(stored).as(why).isEqualTo(errors);

        Map<String, String> names = new LinkedHashMap<>();
        pool.preparedQuery("SELECT external_id, name, status, list_id FROM contact WHERE tenant_id = $1 ORDER BY external_id")
                .execute(Tuple.of(tenant)).await().indefinitely().forEach(r -> {
                    if (r.getString("status").equals("ERASED")) {
                        assertThat(r.getString("name")).as(why).isNull();
                        assertThat(r.getString("list_id")).as(why).isNull();
                    } else {
                        names.put(r.getString("external_id"), r.getString("name"));
                    }
                });
        Map<String, String> expected = new LinkedHashMap<>();
        lastName.keySet().stream().sorted().forEach(id -> expected.put(id, lastName.get(id)));
        if (!lastName.containsKey("x-8")) {
            expected.put("x-8", "o"); // untouched when no good row of it came
        }
        assertThat(names).as(why).containsExactlyInAnyOrderEntriesOf(expected);
        String optedStatus = pool.preparedQuery("SELECT status FROM contact WHERE tenant_id = $1 AND external_id = 'x-8'")
                .execute(Tuple.of(tenant)).map(rs -> rs.iterator().next().getString(0)).await().indefinitely();
        assertThat(optedStatus).as(why).isEqualTo("OPTED_OUT");
    }
}
