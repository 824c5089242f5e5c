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
