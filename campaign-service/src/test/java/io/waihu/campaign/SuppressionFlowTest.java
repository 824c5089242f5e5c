package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.waihu.events.Topics;
import io.waihu.events.campaign.SuppressionAdded;
import io.waihu.events.campaign.SuppressionEvent;
import io.waihu.events.campaign.SuppressionRemoved;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Do-not-call entries through REST, with their events reaching the real broker through the outbox. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class SuppressionFlowTest {

    private static RequestSpecification as(String tenant) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin"));
    }

    private static SuppressionEvent event(ConsumerRecord<String, String> r) {
        return EventJson.read(r.value(), SuppressionEvent.class);
    }

    @Test
    void addCheckAndRemoveANumberWithEventsOnTheTopic() {
        String tenant = "tenant-" + UUID.randomUUID();
        // national format, read in the region given
        String id = as(tenant).contentType(ContentType.JSON).queryParam("region", "CN")
                .body("{\"number\":\"138 0013 8000\",\"reason\":\"asked on a call\"}")
                .when().post("/api/v1/suppression")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/suppression/"))
                .body("digits", equalTo("8613800138000"))
                .body("prefixMatch", equalTo(false))
                .body("source", equalTo("API"))
                .extract().path("id");

        as(tenant).queryParam("number", "+86 138-0013-8000").when().get("/api/v1/suppression/check")
                .then().statusCode(200).body("suppressed", equalTo(true)).body("number", equalTo("+8613800138000"))
                .body("matches", hasSize(1)).body("matches[0].reason", equalTo("asked on a call"));
        as(tenant).queryParam("number", "+8613800138001").when().get("/api/v1/suppression/check")
                .then().statusCode(200).body("suppressed", equalTo(false)).body("matches", hasSize(0));
        // another tenant's list does not apply
        as("other-" + tenant).queryParam("number", "+8613800138000").when().get("/api/v1/suppression/check")
                .then().statusCode(200).body("suppressed", equalTo(false));

        List<ConsumerRecord<String, String>> added = KafkaProbe.awaitRecords(Topics.SUPPRESSION_EVENTS,
                r -> id.equals(r.key()) && r.value().contains(SuppressionAdded.TYPE), 1, Duration.ofSeconds(30));
        assertThat(added).hasSize(1);
        SuppressionAdded a = (SuppressionAdded) event(added.get(0));
        assertThat(a.tenantId()).isEqualTo(tenant);
        assertThat(a.digits()).isEqualTo("8613800138000");
        assertThat(a.prefixMatch()).isFalse();
        assertThat(a.campaignId()).isNull();
        assertThat(a.source()).isEqualTo("API");

        as(tenant).when().delete("/api/v1/suppression/" + id).then().statusCode(204);
        as(tenant).when().delete("/api/v1/suppression/" + id).then().statusCode(404);
        as(tenant).queryParam("number", "+8613800138000").when().get("/api/v1/suppression/check")
                .then().statusCode(200).body("suppressed", equalTo(false));
        List<ConsumerRecord<String, String>> removed = KafkaProbe.awaitRecords(Topics.SUPPRESSION_EVENTS,
                r -> id.equals(r.key()) && r.value().contains(SuppressionRemoved.TYPE), 1, Duration.ofSeconds(30));
        assertThat(removed).hasSize(1);
        assertThat(event(removed.get(0)).tenantId()).isEqualTo(tenant);
        as(tenant).when().get("/api/v1/suppression/" + id).then().statusCode(200)
                .body("removedAt", startsWith("20"));
    }

    @Test
    void prefixesCampaignScopeAndExpiry() {
        String tenant = "tenant-" + UUID.randomUUID();
        as(tenant).contentType(ContentType.JSON).body("{\"prefix\":\"86139\",\"reason\":\"test range\"}")
                .when().post("/api/v1/suppression").then().statusCode(201).body("prefixMatch", equalTo(true));
        String campaignEntry = as(tenant).contentType(ContentType.JSON)
                .body("{\"number\":\"+442079460000\",\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                .when().post("/api/v1/campaigns/camp-1/suppression").then().statusCode(201)
                .body("campaignId", equalTo("camp-1")).extract().path("id");

        as(tenant).queryParam("number", "+8613912345678").when().get("/api/v1/suppression/check")
                .then().body("suppressed", equalTo(true)).body("matches[0].digits", equalTo("86139"));
        // campaign-level: applies only when that campaign asks
        as(tenant).queryParam("number", "+442079460000").when().get("/api/v1/suppression/check")
                .then().body("suppressed", equalTo(false));
        as(tenant).queryParam("number", "+442079460000").queryParam("campaignId", "camp-1").when().get("/api/v1/suppression/check")
                .then().body("suppressed", equalTo(true));
        as(tenant).queryParam("number", "+442079460000").queryParam("campaignId", "camp-2").when().get("/api/v1/suppression/check")
                .then().body("suppressed", equalTo(false));
        // the campaign's list shows only its own entries; tenant-wide lists only tenant-wide ones
        as(tenant).when().get("/api/v1/campaigns/camp-1/suppression").then().statusCode(200).body("totalItems", equalTo(1));
        as(tenant).when().get("/api/v1/suppression").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].digits", equalTo("86139"));
        // a tenant-wide delete cannot remove a campaign entry
        as(tenant).when().delete("/api/v1/suppression/" + campaignEntry).then().statusCode(404);
        as(tenant).when().delete("/api/v1/campaigns/camp-1/suppression/" + campaignEntry).then().statusCode(204);

        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.SUPPRESSION_EVENTS,
                r -> campaignEntry.equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(events).extracting(r -> event(r).type()).containsExactly(SuppressionAdded.TYPE, SuppressionRemoved.TYPE);
        assertThat(((SuppressionAdded) event(events.get(0))).campaignId()).isEqualTo("camp-1");
        assertThat(((SuppressionAdded) event(events.get(0))).expiresAt()).isNotNull();
    }

    @Test
    void bulkUploadAddsGoodRowsAndReportsBadOnes() {
        String tenant = "tenant-" + UUID.randomUUID();
        String csv = "number,prefix,expiresAt,reason\n"
                + "+8613800000001,,,complaint\n"
                + "010 6552 9988,,,national in the region given\n"  // Beijing landline, read as CN
                + ",8617,,whole range\n"
                + "12345,,,\n"                                      // line 5: not a number
                + ",0086,,\n"                                       // line 6: prefix starting with 0
                + "+8613800000002,,yesterday,\n"                    // line 7: bad expiry
                + "\"+86 138 0000 0003\",,,\"quoted, with a comma\"\n";
        as(tenant).contentType("text/csv").queryParam("region", "CN").body(csv)
                .when().post("/api/v1/suppression/uploads")
                .then().statusCode(200)
                .body("rowsRead", equalTo(7)).body("added", equalTo(4)).body("rejected", equalTo(3))
                .body("errors[0].line", equalTo(5)).body("errors[0].column", equalTo("number"))
                .body("errors[1].line", equalTo(6)).body("errors[1].column", equalTo("prefix"))
                .body("errors[2].line", equalTo(7)).body("errors[2].column", equalTo("expiresAt"));
        as(tenant).queryParam("number", "+861065529988").when().get("/api/v1/suppression/check").then().body("suppressed", equalTo(true));
        as(tenant).queryParam("number", "+8617012345678").when().get("/api/v1/suppression/check").then().body("suppressed", equalTo(true));
        as(tenant).queryParam("source", "UPLOAD").when().get("/api/v1/suppression").then().body("totalItems", equalTo(4));
        // uploading again refreshes the same entries instead of duplicating them
        as(tenant).contentType("text/csv").queryParam("region", "CN").body(csv).when().post("/api/v1/suppression/uploads")
                .then().statusCode(200).body("added", equalTo(4));
        as(tenant).when().get("/api/v1/suppression").then().body("totalItems", equalTo(4));
        List<ConsumerRecord<String, String>> events = KafkaProbe.awaitRecords(Topics.SUPPRESSION_EVENTS,
                r -> r.value().contains(tenant) && r.value().contains("\"source\":\"UPLOAD\""), 8, Duration.ofSeconds(30));
        assertThat(events).hasSize(8);
    }

    @Test
    void invalidRequestsAreProblemsNamingTheField() {
        String tenant = "tenant-" + UUID.randomUUID();
        as(tenant).contentType(ContentType.JSON).body("{\"number\":\"12\"}").when().post("/api/v1/suppression")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("number:"));
        as(tenant).contentType(ContentType.JSON).body("{\"number\":\"+8613800138000\",\"prefix\":\"86\"}").when().post("/api/v1/suppression")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("exactly one of number and prefix"));
        as(tenant).contentType(ContentType.JSON).body("{\"prefix\":\"abc\"}").when().post("/api/v1/suppression")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("prefix"));
        as(tenant).contentType(ContentType.JSON).body("{\"prefix\":\"86\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}").when().post("/api/v1/suppression")
                .then().statusCode(400).body("detail", startsWith("expiresAt:"));
        as(tenant).queryParam("number", "13800138000").queryParam("region", "XX").when().get("/api/v1/suppression/check")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("region:"));
        as(tenant).when().get("/api/v1/suppression/check")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("number"));
        as(tenant).contentType("text/csv").body("phone,comment\n1,2\n").when().post("/api/v1/suppression/uploads")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith("header:"));
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).contentType(ContentType.JSON)
                .body("{\"prefix\":\"86\"}").when().post("/api/v1/suppression").then().statusCode(403);
    }
}
