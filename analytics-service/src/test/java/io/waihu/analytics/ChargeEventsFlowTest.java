package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.ChargeBreakdown;
import io.waihu.events.billing.ChargeSegment;
import io.waihu.events.billing.DestinationClass;
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

/** Charges go through the real broker into analytics' real database, folded exactly once. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ChargeEventsFlowTest {

    private static CallCharged charge(String tenant, String callId, Instant at, String amount, long seconds) {
        Money cost = Money.of(amount, "CNY");
        ChargeBreakdown breakdown = new ChargeBreakdown(
                List.of(new ChargeSegment("peak", "60/6", seconds, seconds, seconds / 6, Money.of("0.0100", "CNY"), cost)),
                Money.zero("CNY"), List.of());
        return CallCharged.of(tenant, at, callId, "camp-1", "attempt-" + callId, "carrier-cm", cost, "tariff-1", 1,
                "86138", DestinationClass.MOBILE, seconds, breakdown);
    }

    @Test
    void chargesAreSummedExactlyOnce() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T03:15:00Z");
        CallCharged first = charge(tenant, "call-1", at, "0.1200", 72);
        KafkaProbe.publish(Topics.CHARGE_EVENTS, first, "billing-service");
        KafkaProbe.publish(Topics.CHARGE_EVENTS, first, "billing-service"); // duplicate delivery
        KafkaProbe.publish(Topics.CHARGE_EVENTS, charge(tenant, "call-2", at.plusSeconds(600), "0.0700", 42), "billing-service");
        KafkaProbe.publish(Topics.CHARGE_EVENTS, charge(tenant, "call-3", at.plusSeconds(3600), "1.0000", 600), "billing-service");

        // 0.1200 + 0.0700 = 0.19 in the 03:00 hour; 1.0000 in the 04:00 hour
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).queryParam("campaignId", "camp-1")
                        .when().get("/api/v1/spend")
                        .then().statusCode(200)
                        .body("totalItems", equalTo(2))
                        .body("items[1].hour", equalTo("2026-11-26T03:00:00Z"))
                        .body("items[1].chargedCalls", equalTo(2))
                        .body("items[1].billedSeconds", equalTo(114))
                        .body("items[1].cost.amount", equalTo("0.19"))
                        .body("items[1].cost.currency", equalTo("CNY"))
                        .body("items[0].cost.amount", equalTo("1")));
    }

    /**
     * One poll: good charges, an unreadable record and a rerating the call refuses (a second currency). The poll is
     * folded as a batch until the refused event fails it; then its events are folded one by one: the unreadable
     * record and the refused rerating go to the dead-letter topic, every good charge is folded once.
     */
    @Test
    void badRecordsInTheMiddleOfABatchAreDeadLetteredAndTheRestFolded() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T05:10:00Z");
        List<CallCharged> good = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(charge(tenant, "bc-" + i, at.plusSeconds(i), "0.5000", 30));
        }
        String badKey = "bad-" + UUID.randomUUID();
        io.waihu.events.billing.CallRerated refused = io.waihu.events.billing.CallRerated.of(tenant, at.plusSeconds(100),
                "bc-3", "camp-1", Money.of("0.5000", "USD"), Money.of("0.4000", "USD"), Money.of("-0.1000", "USD"), 2, "fix");
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                io.waihu.testsupport.TestInfrastructure.get().kafkaBootstrapServers());
        props.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        props.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        props.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, "50");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props)) {
            for (int i = 0; i < good.size(); i++) {
                send(producer, good.get(i));
                if (i == 9) {
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.CHARGE_EVENTS, badKey, "{\"type\":\"CallCharged\",\"callId\":"));
                    send(producer, refused);
                }
            }
            producer.flush();
        }
        String dlq = Topics.dlq(Topics.CHARGE_EVENTS, "analytics-service");
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(dlq,
                r -> badKey.equals(r.key()) || r.value().contains(refused.eventId().toString()), 2, Duration.ofSeconds(60));
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(r -> assertThat(KafkaProbe.header(r, Topics.DLQ_REASON_HEADER)).isNotBlank());
        assertThat(dead).anySatisfy(r -> assertThat(KafkaProbe.header(r, Topics.DLQ_REASON_HEADER)).contains("costed in CNY, not USD"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).queryParam("campaignId", "camp-1")
                        .when().get("/api/v1/spend")
                        .then().statusCode(200)
                        .body("totalItems", equalTo(1))
                        .body("items[0].chargedCalls", equalTo(20))
                        .body("items[0].cost.amount", equalTo("10")));
    }

    private static void send(org.apache.kafka.clients.producer.KafkaProducer<String, String> producer, io.waihu.events.WaihuEvent e) {
        var record = new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.CHARGE_EVENTS, e.aggregateId(),
                io.waihu.events.wire.EventJson.write(e));
        io.waihu.events.wire.CloudEvents.headersFor(e, "billing-service")
                .forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        producer.send(record);
    }

    @Test
    void malformedChargeGoesToTheDlq() {
        String key = "bad-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CHARGE_EVENTS, key, "{\"type\":\"CallCharged\",\"callId\":\"" + key
                + "\",\"cost\":{\"amount\":\"12\",\"currency\":\"XXQ\"}}", Map.of());
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.dlq(Topics.CHARGE_EVENTS, "analytics-service"),
                r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(KafkaProbe.header(dead.get(0), Topics.DLQ_REASON_HEADER)).isNotBlank();
    }
}
