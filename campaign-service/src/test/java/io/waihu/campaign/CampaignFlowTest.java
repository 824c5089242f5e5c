package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Topics;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.crm.Consent;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.crm.Phone;
import io.waihu.events.crm.PhoneType;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waihu.campaign.CampaignApi.act;
import static io.waihu.campaign.CampaignApi.create;
import static io.waihu.campaign.CampaignApi.get;
import static io.waihu.campaign.CampaignApi.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The campaign's half of the loop through real Kafka and PostgreSQL: a CRM contact, a campaign over its list,
 * a DialRequested out; a CallEnded back records the attempt and schedules the retry; duplicates change nothing;
 * a malformed call event is dead-lettered.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CampaignFlowTest {

    @Test
    void contactToDialRequestToRetry() {
        String tenant = "tenant-" + UUID.randomUUID();
        String list = "list-" + UUID.randomUUID();
        // CN pack: consent required (given), no legal hours of its own; the campaign dials all day, so the test
        // does not depend on the hour it runs at
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactUpserted.of(tenant, null, "crm-7", list, "Zhang Wei",
                List.of(new Phone("+8613800138000", PhoneType.MOBILE)), null, Map.of("region", "east"),
                new Consent("RECORDED_CALL", Instant.parse("2026-01-01T00:00:00Z"), "ivr")), "crm");
        KafkaProbe.publish(Topics.CONTACT_EVENTS, ContactUpserted.of(tenant, null, "crm-8", list, "Out Of Segment",
                List.of(new Phone("+8613900139000", PhoneType.MOBILE)), null, Map.of("region", "west"),
                new Consent("RECORDED_CALL", Instant.parse("2026-01-01T00:00:00Z"), "ivr")), "crm");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(tenant, "/api/v1/contacts/crm-7").statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(tenant, "/api/v1/contacts/crm-8").statusCode(200));
        String contactId = get(tenant, "/api/v1/contacts/crm-7").extract().path("id");

        Map<String, Object> s = settings("Flow", List.of(list), "CN");
        s.put("retryDelays", Map.of("NO_ANSWER", "PT2H"));
        s.put("segment", Map.of("region", List.of("east", "north")));
        String campaignId = create(tenant, s);
        act(tenant, campaignId, "start").statusCode(200).body("status", equalTo("RUNNING"));

        List<ConsumerRecord<String, String>> requests = KafkaProbe.awaitRecords(Topics.DIAL_REQUESTS,
                r -> campaignId.equals(r.key()), 1, Duration.ofSeconds(30));
        DialRequested request = EventJson.read(requests.get(0).value(), DialRequested.class);
        assertThat(request.contactId()).isEqualTo(contactId);
        assertThat(request.number()).isEqualTo("+8613800138000");
        assertThat(request.calleeZones()).containsExactly("Asia/Shanghai");
        // the hopper's reading of the number rides along for billing
        assertThat(request.numberType()).isEqualTo(io.waihu.events.NumberType.MOBILE);
        assertThat(request.rangeCarrier()).isEqualTo("China Mobile");
        assertThat(request.attemptNumber()).isEqualTo(1);
        assertThat(request.deadline()).isAfter(request.occurredAt());

        Instant setup = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant ended = setup.plusSeconds(30);
        String callId = "call-" + UUID.randomUUID();
        CallEnded callEnded = CallEnded.of(tenant, null, callId, campaignId, request.attemptId(), contactId, request.number(),
                "carrier-1", null, CallDisposition.NO_ANSWER, setup, setup.plusSeconds(2), null, ended, 0, false, null, "Asia/Shanghai");
        KafkaProbe.publish(Topics.CALL_EVENTS, callEnded, "dialer-service");

        String attempts = "/api/v1/campaigns/" + campaignId + "/attempts";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(tenant, attempts).statusCode(200)
                .body("items[0].status", equalTo("ENDED")));
        get(tenant, attempts).body("totalItems", equalTo(1))
                .body("items[0].disposition", equalTo("NO_ANSWER"))
                .body("items[0].callId", equalTo(callId))
                .body("items[0].carrierId", equalTo("carrier-1"))
                .body("items[0].nextAttemptAt", equalTo(ended.plus(Duration.ofHours(2)).toString()))
                .body("items[0].rulePackId", equalTo("CN"));

        // the same event again, and another CallEnded for the same attempt: neither changes the attempt
        KafkaProbe.publish(Topics.CALL_EVENTS, callEnded, "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, CallEnded.of(tenant, null, callId, campaignId, request.attemptId(), contactId,
                request.number(), "carrier-2", null, CallDisposition.BUSY, setup, null, null, ended.plusSeconds(5), 0, false, null, null),
                "dialer-service");
        // a malformed event with the same key lands in the DLQ after them (same partition, in order)
        KafkaProbe.send(Topics.CALL_EVENTS, callId, "{\"type\":\"CallEnded\",\"callId\":\"" + callId + "\"}", Map.of());
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.dlq(Topics.CALL_EVENTS, "campaign-service"),
                r -> callId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(KafkaProbe.header(dead.get(0), Topics.DLQ_REASON_HEADER)).isNotBlank();
        get(tenant, attempts).body("totalItems", equalTo(1))
                .body("items[0].disposition", equalTo("NO_ANSWER"))
                .body("items[0].carrierId", equalTo("carrier-1"))
                .body("items[0].nextAttemptAt", equalTo(ended.plus(Duration.ofHours(2)).toString()));

        // the retry is two hours away and the other contact is outside the segment: nothing more is released
        get(tenant, "/api/v1/campaigns/" + campaignId + "/progress").statusCode(200)
                .body("contactsTotal", equalTo(1)).body("contactsPending", equalTo(1)).body("outstanding", equalTo(0))
                .body("attemptsByDisposition.NO_ANSWER", equalTo(1)).body("status", equalTo("RUNNING"));
        assertThat(KafkaProbe.awaitRecords(Topics.DIAL_REQUESTS, r -> campaignId.equals(r.key()), 2, Duration.ofSeconds(3))).hasSize(1);

        // the agent's outcome: DO_NOT_CALL adds a tenant-wide suppression and closes the contact
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).contentType("application/json")
                .body(Map.of("disposition", "DO_NOT_CALL", "note", "asked not to be called"))
                .when().post("/api/v1/attempts/" + request.attemptId() + "/outcome")
                .then().statusCode(200).body("outcome", equalTo("DO_NOT_CALL"));
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).contentType("application/json")
                .body(Map.of("disposition", "SALE")).when().post("/api/v1/attempts/" + request.attemptId() + "/outcome")
                .then().statusCode(409);
        String outcome = KafkaProbe.awaitRecords(Topics.OUTCOME_EVENTS, r -> campaignId.equals(r.key()), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(outcome).contains("\"disposition\":\"DO_NOT_CALL\"", "\"optOut\":true", "\"callId\":\"" + callId + "\"");
        assertThat(KafkaProbe.awaitRecords(Topics.SUPPRESSION_EVENTS, r -> r.value().contains(tenant) && r.value().contains("8613800138000"),
                1, Duration.ofSeconds(30))).hasSize(1);
        // nothing left to dial: the campaign completes by itself
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(tenant, "/api/v1/campaigns/" + campaignId)
                .body("status", equalTo("COMPLETED")).body("statusReason", equalTo("list exhausted")));
    }

    @Test
    void unknownDispositionIsRefused() {
        String tenant = "tenant-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).contentType("application/json")
                .body(Map.of("disposition", "SALE")).when().post("/api/v1/attempts/" + UUID.randomUUID() + "/outcome")
                .then().statusCode(404);
    }
}
