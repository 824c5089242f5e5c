package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Topics;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.CloudEvents;
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

/** A CallEnded goes through the real broker into billing's real database, once, and poison goes to the DLQ. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CallEndedFlowTest {

    private static CallEnded ended(String tenant, String callId, String campaignId) {
        Instant setup = Instant.parse("2026-11-26T02:00:00Z");
        return CallEnded.of(tenant, setup.plusSeconds(100), callId, campaignId, "attempt-1", "contact-1", "+8613800138000",
                "carrier-cm", "agent-7", CallDisposition.ANSWERED_HUMAN, setup, setup.plusSeconds(3),
                setup.plusSeconds(10), setup.plusSeconds(100), 90, false, null, "Asia/Shanghai");
    }

    private static int recordsOf(String tenant, String campaignId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("campaignId", campaignId)
                .when().get("/api/v1/call-records")
                .then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void callEndedBecomesOneCallRecordEvenWhenDelivered3Times() {
        String tenant = "tenant-" + UUID.randomUUID();
        String callId = "call-" + UUID.randomUUID();
        CallEnded event = ended(tenant, callId, "camp-1");
        KafkaProbe.publish(Topics.CALL_EVENTS, event, "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, event, "dialer-service");          // redelivery of the same event
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, "camp-1"), "dialer-service"); // same call, new event id

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "admin"))
                        .when().get("/api/v1/call-records/" + callId)
                        .then().statusCode(200)
                        .body("billableSeconds", equalTo(90))
                        .body("disposition", equalTo("ANSWERED_HUMAN"))
                        .body("carrierId", equalTo("carrier-cm"))
                        .body("ratingStatus", equalTo("UNRATED"))
                        .body("unratedReason", equalTo("NO_TARIFF")));
        // a marker published after the duplicates: once it is stored, the duplicates have been consumed too
        String marker = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, marker, "camp-1"), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(tenant, "camp-1") == 2);
        assertThat(recordsOf(tenant, "camp-1")).isEqualTo(2);
        // another tenant sees none of it
        assertThat(recordsOf("someone-else", "camp-1")).isZero();
    }

    @Test
    void malformedEventGoesToTheDlqWithAReasonAndConsumptionGoesOn() {
        String tenant = "tenant-" + UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CALL_EVENTS, poisonKey, "{\"type\":\"CallEnded\",\"callId\":\"" + poisonKey
                + "\",\"billableSeconds\":\"abc\"}", Map.of(CloudEvents.TYPE, "io.waihu.CallEnded.v1"));
        KafkaProbe.send(Topics.CALL_EVENTS, poisonKey + "-2", "not json at all", Map.of());

        String dlq = Topics.dlq(Topics.CALL_EVENTS, "billing-service");
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(dlq,
                r -> r.key() != null && r.key().startsWith(poisonKey), 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        ConsumerRecord<String, String> first = dead.stream().filter(r -> r.key().equals(poisonKey)).findFirst().orElseThrow();
        assertThat(KafkaProbe.header(first, Topics.DLQ_REASON_HEADER)).contains("billableSeconds");

        String callId = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, "camp-2"), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(tenant, "camp-2") == 1);
    }

    @Test
    void anEventTypeAddedLaterToTheTopicIsSkippedNotDeadLettered() {
        String tenant = "tenant-" + UUID.randomUUID();
        String futureKey = "future-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CALL_EVENTS, futureKey, "{\"type\":\"CallTransferred\",\"callId\":\"" + futureKey
                + "\",\"tenantId\":\"" + tenant + "\"}", Map.of());
        String callId = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, "camp-3"), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(tenant, "camp-3") == 1);
        assertThat(KafkaProbe.awaitRecords(Topics.dlq(Topics.CALL_EVENTS, "billing-service"),
                r -> futureKey.equals(r.key()), 1, Duration.ofSeconds(3))).isEmpty();
    }
}
