package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.waihu.events.Topics;
import io.waihu.events.crm.Consent;
import io.waihu.events.crm.ContactErased;
import io.waihu.events.crm.ContactOptedOut;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.crm.Phone;
import io.waihu.events.crm.PhoneType;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Contact uploads as import jobs, against the real database. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ContactImportTest {

    private static RequestSpecification as(String tenant) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin"));
    }

    private static void createList(String tenant, String id, String region) {
        as(tenant).contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"name\":\"List " + id + "\",\"defaultRegion\":\"" + region + "\"}")
                .when().post("/api/v1/contact-lists").then().statusCode(201)
                .header("Location", endsWith("/api/v1/contact-lists/" + id))
                .body("defaultRegion", equalTo(region));
    }

    /** Uploads and waits for the job to finish; returns the finished job. */
    private static JsonPath importAndWait(String tenant, String listId, String contentType, String body) {
        // bytes: RestAssured has no encoder for application/x-ndjson
        String location = as(tenant).contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/contact-lists/" + listId + "/imports")
                .then().statusCode(202)
                .body("id", notNullValue())
                .body("listId", equalTo(listId))
                .extract().header("Location");
        assertThat(location).contains("/api/v1/imports/");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String status = as(tenant).when().get(location).then().statusCode(200).extract().path("status");
            return status.equals("COMPLETED") || status.equals("FAILED");
        });
        return as(tenant).when().get(location).then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse contact(String tenant, String externalId) {
        return as(tenant).when().get("/api/v1/contacts/" + externalId).then();
    }

    @Test
    void csvImportKeepsGoodRowsRefusesBadOnesAndUpsertsByExternalId() {
        String tenant = "tenant-" + UUID.randomUUID();
        createList(tenant, "beijing", "CN");
        String csv = "externalId,name,phone1,phone1Type,phone2,phone2Type,zone,consentBasis,consentAt,consentSource,attr.tier\n"
                + "c-1,Li Lei,138 0013 8000,MOBILE,010 6552 9988,home,Asia/Shanghai,EXPRESS_CONSENT,2026-01-01T00:00:00Z,web-form,gold\n"
                + "c-2,\"Wang, Fang\",+44 20 7946 0000,WORK,,,,,,,silver\n"
                + ",No Id,13800138001,,,,,,,,\n"                         // line 4: no external id
                + "c-4,Bad Number,12345,,,,,,,,\n"                        // line 5: not a number in CN
                + "c-5,Bad Zone,13800138002,,,,Mars/Base,,,,\n"            // line 6
                + "c-6,Bad Consent,13800138003,,,,,EXPRESS_CONSENT,,web,\n" // line 7: consent without a date
                + "c-7,Bad Type,13800138004,PAGER,,,,,,,\n"                // line 8
                + "c-1,Li Lei (again),13800138005,,,,,,,,\n";              // line 9: same external id, last row wins
        JsonPath job = importAndWait(tenant, "beijing", "text/csv", csv);
        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getString("format")).isEqualTo("CSV");
        assertThat(job.getLong("rowsRead")).isEqualTo(8);
        assertThat(job.getLong("rowsAccepted")).isEqualTo(3);
        assertThat(job.getLong("rowsRejected")).isEqualTo(5);
        assertThat(job.getDouble("percentDone")).isEqualTo(100.0);
        assertThat(job.getLong("bytesRead")).isEqualTo(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(job.getLong("totalBytes")).isEqualTo(job.getLong("bytesRead"));
        assertThat(job.getString("startedAt")).isNotNull();
        assertThat(job.getString("finishedAt")).isNotNull();
        String jobId = job.getString("id");

        // the errors, in file order, with the line (header = line 1) and the column
        JsonPath errors = as(tenant).queryParam("size", 10).when().get("/api/v1/imports/" + jobId + "/errors")
                .then().statusCode(200).body("totalItems", equalTo(5)).extract().jsonPath();
        assertThat(errors.getList("items.line", Integer.class)).containsExactly(4, 5, 6, 7, 8);
        assertThat(errors.getList("items.column", String.class)).containsExactly("externalId", "phone1", "zone", "consentAt", "phone1Type");
        assertThat(errors.getString("items[1].reason")).contains("12345");
        String errorsCsv = as(tenant).when().get("/api/v1/imports/" + jobId + "/errors.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(errorsCsv.lines().toList()).hasSize(6).first().isEqualTo("line,column,reason");
        assertThat(errorsCsv.lines().skip(1).findFirst().orElseThrow()).startsWith("4,externalId,");

        // national numbers read in the list's region, international ones as written
        contact(tenant, "c-2").statusCode(200).body("name", equalTo("Wang, Fang")).body("listId", equalTo("beijing"))
                .body("phones[0].number", equalTo("+442079460000")).body("phones[0].type", equalTo("WORK"))
                .body("attributes.tier", equalTo("silver")).body("status", equalTo("ACTIVE"));
        contact(tenant, "c-1").statusCode(200).body("name", equalTo("Li Lei (again)"))
                .body("phones.size()", equalTo(1)).body("phones[0].number", equalTo("+8613800138005"));
        contact(tenant, "c-4").statusCode(404);

        // a second upload updates by external id and keeps the rest
        JsonPath second = importAndWait(tenant, "beijing", "text/csv",
                "externalId,name,phone1,phone1Type,phone2,phone2Type,zone,consentBasis,consentAt,consentSource,attr.tier\n"
                        + "c-1,Li Lei,138 0013 8000,MOBILE,010 6552 9988,HOME,Asia/Shanghai,EXPRESS_CONSENT,2026-01-01T08:00:00+08:00,web-form,gold\n");
        assertThat(second.getLong("rowsAccepted")).isEqualTo(1);
        contact(tenant, "c-1").statusCode(200).body("name", equalTo("Li Lei"))
                .body("phones[0].number", equalTo("+8613800138000")).body("phones[1].number", equalTo("+861065529988"))
                .body("phones[1].type", equalTo("HOME")).body("zoneOverride", equalTo("Asia/Shanghai"))
                .body("consent.basis", equalTo("EXPRESS_CONSENT")).body("consent.grantedAt", equalTo("2026-01-01T00:00:00Z"))
                .body("attributes.tier", equalTo("gold"));
        as(tenant).when().get("/api/v1/contact-lists/beijing/contacts").then().statusCode(200).body("totalItems", equalTo(2));
        as(tenant).when().get("/api/v1/contact-lists/beijing/imports").then().statusCode(200).body("totalItems", equalTo(2))
                .body("items[0].id", equalTo(second.getString("id")));
    }

    @Test
    void jsonLinesImport() {
        String tenant = "tenant-" + UUID.randomUUID();
        createList(tenant, "london", "GB");
        String jsonl = "{\"externalId\":\"j-1\",\"name\":\"Ann\",\"phones\":[{\"number\":\"020 7946 0001\",\"type\":\"WORK\"},{\"number\":\"07911 123456\"}],"
                + "\"zone\":\"Europe/London\",\"consent\":{\"basis\":\"EXISTING_CUSTOMER\",\"grantedAt\":\"2025-06-01T10:00:00Z\",\"source\":\"crm\"},"
                + "\"attributes\":{\"tier\":\"gold\",\"visits\":3}}\n"
                + "\n"                                                                   // blank line 2: skipped
                + "{\"externalId\":\"j-2\",\"phones\":[{\"number\":\"+86 138 0013 8000\"}]}\n"
                + "{\"externalId\":\"j-3\",\"phones\":[{\"number\":\"0207\"}]}\n"         // line 4: too short
                + "{\"externalId\":\"j-4\",\"phones\":[]}\n"                               // line 5: no number
                + "{\"externalId\":\"j-5\",\"phones\":[{\"number\":\"02079460002\"}],\"colour\":\"red\"}\n" // line 6: unknown field
                + "{\"externalId\":\"j-6\", broken\n"                                    // line 7: malformed JSON
                + "{\"externalId\":\"j-7\",\"phones\":[{\"number\":\"02079460003\"}],\"consent\":{\"basis\":\"EXPRESS_CONSENT\",\"grantedAt\":\"2999-01-01T00:00:00Z\",\"source\":\"web\"}}\n";
        JsonPath job = importAndWait(tenant, "london", "application/x-ndjson", jsonl);
        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getString("format")).isEqualTo("JSONL");
        assertThat(job.getLong("rowsRead")).isEqualTo(7);
        assertThat(job.getLong("rowsAccepted")).isEqualTo(2);
        assertThat(job.getLong("rowsRejected")).isEqualTo(5);
        JsonPath errors = as(tenant).when().get("/api/v1/imports/" + job.getString("id") + "/errors").then().statusCode(200).extract().jsonPath();
        assertThat(errors.getList("items.line", Integer.class)).containsExactly(4, 5, 6, 7, 8);
        assertThat(errors.getList("items.column", String.class)).containsExactly("phones[0].number", "phones", "colour", null, "consent.grantedAt");
        contact(tenant, "j-1").statusCode(200).body("phones[0].number", equalTo("+442079460001"))
                .body("phones[1].number", equalTo("+447911123456")).body("phones[1].type", equalTo("MOBILE"))
                .body("attributes.visits", equalTo("3")).body("consent.source", equalTo("crm"));
        contact(tenant, "j-2").statusCode(200).body("phones[0].number", equalTo("+8613800138000"));
    }

    @Test
    void optedOutAndErasedContactsAreNotResurrectedByAnImport() {
        String tenant = "tenant-" + UUID.randomUUID();
        createList(tenant, "crm-list", "CN");
        Instant t0 = Instant.now().minusSeconds(600);
        for (String id : List.of("x-opted", "x-erased")) {
            KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactUpserted.of(tenant, t0, id, "crm-list", "Someone",
                    List.of(new Phone("+8613800138000", PhoneType.MOBILE)), null, Map.of(),
                    new Consent("CONTRACT", t0, "crm")), "crm");
        }
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactOptedOut.of(tenant, t0.plusSeconds(1), "x-opted", null, "stop calling", "CALL"), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactErased.of(tenant, t0.plusSeconds(1), "x-erased", "GDPR"), "crm");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            contact(tenant, "x-opted").statusCode(200).body("status", equalTo("OPTED_OUT"));
            contact(tenant, "x-erased").statusCode(200).body("status", equalTo("ERASED"));
        });
        JsonPath job = importAndWait(tenant, "crm-list", "text/csv",
                "externalId,name,phone1\nx-opted,New Name,13900139000\nx-erased,Back Again,13900139001\nx-new,Fresh,13900139002\n");
        assertThat(job.getLong("rowsAccepted")).isEqualTo(2);
        assertThat(job.getLong("rowsKeptOptedOut")).isEqualTo(1);
        assertThat(job.getLong("rowsRejected")).isEqualTo(1);
        as(tenant).when().get("/api/v1/imports/" + job.getString("id") + "/errors").then()
                .body("items[0].line", equalTo(3)).body("items[0].reason", containsString("erased"));
        contact(tenant, "x-opted").body("status", equalTo("OPTED_OUT")).body("name", equalTo("New Name"));
        contact(tenant, "x-erased").body("status", equalTo("ERASED")).body("phones.size()", equalTo(0));
        as(tenant).queryParam("status", "ACTIVE").when().get("/api/v1/contact-lists/crm-list/contacts")
                .then().body("totalItems", equalTo(1)).body("items[0].externalId", equalTo("x-new"));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        String tenant = "tenant-" + UUID.randomUUID();
        as(tenant).contentType(ContentType.JSON).body("{\"defaultRegion\":\"CN\"}").when().post("/api/v1/contact-lists")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("name"));
        as(tenant).contentType(ContentType.JSON).body("{\"name\":\"x\",\"defaultRegion\":\"QQ\"}").when().post("/api/v1/contact-lists")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("defaultRegion:"));
        as(tenant).contentType(ContentType.JSON).body("{\"id\":\"has space\",\"name\":\"x\",\"defaultRegion\":\"CN\"}").when().post("/api/v1/contact-lists")
                .then().statusCode(400).body("violations[0].field", equalTo("id"));
        createList(tenant, "l1", "CN");
        as(tenant).contentType(ContentType.JSON).body("{\"id\":\"l1\",\"name\":\"x\",\"defaultRegion\":\"CN\"}").when().post("/api/v1/contact-lists")
                .then().statusCode(409).contentType("application/problem+json");
        as(tenant).contentType("text/csv").body("name,phone1\nA,13800138000\n").when().post("/api/v1/contact-lists/l1/imports")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("header:")).body("detail", containsString("externalId"));
        as(tenant).contentType("text/csv").body("externalId,phone1,fax\n").when().post("/api/v1/contact-lists/l1/imports")
                .then().statusCode(400).body("detail", containsString("unknown column 'fax'"));
        as(tenant).contentType("text/csv").body("").when().post("/api/v1/contact-lists/l1/imports")
                .then().statusCode(400).body("detail", startsWith("body:"));
        as(tenant).contentType("text/csv").body("externalId,phone1\nc,13800138000\n").when().post("/api/v1/contact-lists/nope/imports")
                .then().statusCode(404).contentType("application/problem+json");
        as(tenant).when().get("/api/v1/imports/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(tenant).when().get("/api/v1/contact-lists/nope/contacts").then().statusCode(404);
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).contentType("text/csv").body("externalId,phone1\nc,13800138000\n")
                .when().post("/api/v1/contact-lists/l1/imports").then().statusCode(403);
    }
}
