package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Topics;
import io.waihu.events.crm.Consent;
import io.waihu.events.crm.ContactErased;
import io.waihu.events.crm.ContactOptedOut;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.crm.Phone;
import io.waihu.events.crm.PhoneType;
import io.waihu.events.campaign.SuppressionAdded;
import io.waihu.events.campaign.SuppressionEvent;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** CRM contact events go through the real broker into campaign's real database. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CrmContactFlowTest {

    private static ContactUpserted upsert(String tenant, String externalId, String name, Instant at) {
        return ContactUpserted.of(tenant, at, externalId, "list-1", name,
                List.of(new Phone("+8613800138000", PhoneType.MOBILE)), "Asia/Shanghai", Map.of("tier", "gold"),
                new Consent("CONTRACT", Instant.parse("2026-01-01T00:00:00Z"), "signup-form"));
    }

    private static io.restassured.response.ValidatableResponse contact(String tenant, String externalId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/contacts/" + externalId).then();
    }

    @Test
    void upsertsAreAppliedOnceAndInOrder() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
        ContactUpserted first = upsert(tenant, "crm-42", "Li Lei", t0);
        KafkaProbe.publish(Topics.CONTACT_EVENTS, first, "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, first, "crm"); // duplicate delivery
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-42", "Li Lei (new)", t0.plusSeconds(60)), "crm");
        // arrives late: older than what was applied, so it changes nothing
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-42", "Stale Name", t0.minusSeconds(60)), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-marker", "Marker", t0), "crm");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-marker").statusCode(200));
        // the marker has its own key (maybe another partition): wait for crm-42's own events as well
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-42").statusCode(200)
                .body("name", equalTo("Li Lei (new)")));
        contact(tenant, "crm-42").statusCode(200)
                .body("name", equalTo("Li Lei (new)"))
                .body("phones[0].number", equalTo("+8613800138000"))
                .body("attributes.tier", equalTo("gold"))
                .body("status", equalTo("ACTIVE"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/contacts")
                .then().statusCode(200).body("totalItems", equalTo(2));
        contact("another-tenant", "crm-42").statusCode(404);
    }

    @Test
    void optOutAndErasureAreApplied() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-1", "Han Meimei", t0), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-2", "Wang Fang", t0), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactOptedOut.of(tenant, t0.plusSeconds(5), "crm-1", null, "asked on call", "PHONE"), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactErased.of(tenant, t0.plusSeconds(5), "crm-2", "GDPR request"), "crm");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-2").statusCode(200).body("status", equalTo("ERASED")));
        contact(tenant, "crm-2").body("name", nullValue()).body("phones.size()", equalTo(0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-1").body("status", equalTo("OPTED_OUT")));
    }

    @Test
    void optOutSuppressesTheNumbersTenantWideAndPublishesIt() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactUpserted.of(tenant, t0, "crm-two", "list-1", "Two Numbers",
                List.of(new Phone("+8613800138000", PhoneType.MOBILE), new Phone("+861065529988", PhoneType.HOME)),
                null, Map.of(), null), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-all", "All Numbers", t0), "crm");
        // one number of two: that number is suppressed, the contact stays callable on the other
        ContactOptedOut one = ContactOptedOut.of(tenant, t0.plusSeconds(5), "crm-two", "+861065529988", "not at home", "CALL");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, one, "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, one, "crm"); // redelivered: applied once
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactOptedOut.of(tenant, t0.plusSeconds(5), "crm-all", null, "stop", "WEB"), "crm");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-all").body("status", equalTo("OPTED_OUT")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", TestTokens.bearer(tenant, "admin"))
                .queryParam("source", "CRM_OPT_OUT").when().get("/api/v1/suppression").then().body("totalItems", equalTo(2)));
        contact(tenant, "crm-two").body("status", equalTo("ACTIVE"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).queryParam("number", "+861065529988")
                .when().get("/api/v1/suppression/check").then().body("suppressed", equalTo(true))
                .body("matches[0].source", equalTo("CRM_OPT_OUT")).body("matches[0].campaignId", nullValue());
        // +8613800138000: crm-all opted out of every number, crm-two shares it: suppressed for the tenant
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).queryParam("number", "+8613800138000")
                .when().get("/api/v1/suppression/check").then().body("suppressed", equalTo(true));

        List<ConsumerRecord<String, String>> added = KafkaProbe.awaitRecords(Topics.SUPPRESSION_EVENTS,
                r -> r.value().contains(tenant) && r.value().contains("\"source\":\"CRM_OPT_OUT\""), 2, Duration.ofSeconds(30));
        assertThat(added).extracting(r -> ((SuppressionAdded) EventJson.read(r.value(), SuppressionEvent.class)).digits())
                .containsExactlyInAnyOrder("861065529988", "8613800138000");
    }

    @Test
    void erasureKeepsNoPersonalDataAndCannotBeUndoneByALateUpsert() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-gone", "Zhang San", t0), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactErased.of(tenant, t0.plusSeconds(1), "crm-gone", "GDPR request"), "crm");
        // erased before we ever saw it: a tombstone stops the later upsert
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactErased.of(tenant, t0, "crm-never", "GDPR request"), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-never", "Li Si", t0.plusSeconds(60)), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-gone", "Zhang San again", t0.plusSeconds(60)), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-marker-2", "Marker", t0), "crm");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-marker-2").statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-never").statusCode(200).body("status", equalTo("ERASED")));
        for (String id : List.of("crm-gone", "crm-never")) {
            String body = contact(tenant, id).statusCode(200).body("status", equalTo("ERASED"))
                    .body("name", nullValue()).body("phones.size()", equalTo(0)).body("attributes.size()", equalTo(0))
                    .body("consent", nullValue()).body("zoneOverride", nullValue()).extract().asString();
            assertThat(body).doesNotContain("Zhang").doesNotContain("Li Si").doesNotContain("138").doesNotContain("gold");
        }
    }

    @Test
    void malformedContactEventGoesToTheDlq() {
        String key = "bad-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CONTACT_EVENTS, key, "{\"type\":\"ContactUpserted\",\"externalId\":\"" + key + "\"}", Map.of());
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.dlq(Topics.CONTACT_EVENTS, "campaign-service"),
                r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(KafkaProbe.header(dead.get(0), Topics.DLQ_REASON_HEADER)).isNotBlank();
        // the consumer keeps going
        String tenant = "tenant-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CONTACT_EVENTS, upsert(tenant, "crm-after", "After", Instant.now()), "crm");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> contact(tenant, "crm-after").statusCode(200));
    }
}
