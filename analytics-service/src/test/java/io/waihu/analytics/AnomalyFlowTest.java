package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Topics;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.DestinationClass;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A campaign spending 0.50 CNY an hour suddenly spends 12 CNY on international calls through a new carrier. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class AnomalyFlowTest {

    @Test
    void aSpikeRaisesOneSpendAnomalyPerDimensionAndHour() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant spikeHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // the baseline goes in hour by hour: each hour is checked against what is already folded
        for (int h = 8; h >= 1; h--) {
            Instant at = spikeHour.minus(Duration.ofHours(h)).plusSeconds(600);
            String callId = "base-" + h;
            KafkaProbe.publish(Topics.CHARGE_EVENTS, AnalyticsFlowTest.charged(tenant, callId, "cm", at, "0.5000",
                    DestinationClass.MOBILE, 60), "billing-service");
            int folded = 9 - h;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> overview(tenant).body("metrics.chargedCalls", equalTo(folded)));
        }
        CallCharged spike = AnalyticsFlowTest.charged(tenant, "spike", "ct-x", spikeHour.plusSeconds(30), "12.0000",
                DestinationClass.INTERNATIONAL, 600);
        KafkaProbe.publish(Topics.CHARGE_EVENTS, spike, "billing-service");
        KafkaProbe.publish(Topics.CHARGE_EVENTS, spike, "billing-service"); // duplicate
        KafkaProbe.publish(Topics.CHARGE_EVENTS, AnalyticsFlowTest.charged(tenant, "spike-2", "ct-x", spikeHour.plusSeconds(60),
                "0.1000", DestinationClass.INTERNATIONAL, 6), "billing-service"); // same hour, same anomalies: nothing new

        List<ConsumerRecord<String, String>> anomalies = KafkaProbe.awaitRecords(Topics.ALERT_EVENTS,
                r -> r.value().contains(tenant) && r.value().contains("SpendAnomaly"), 4, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> overview(tenant).body("metrics.chargedCalls", equalTo(10)));
        anomalies = KafkaProbe.awaitRecords(Topics.ALERT_EVENTS,
                r -> r.value().contains(tenant) && r.value().contains("SpendAnomaly"), 5, Duration.ofSeconds(5));
        assertThat(anomalies).hasSize(4);
        assertThat(anomalies).anySatisfy(r -> assertThat(r.value()).contains("\"dimension\":\"campaign\"")
                .contains("\"baseline\":{\"amount\":\"0.5\",\"currency\":\"CNY\"}").contains("median of the 8 previous hours 0.5"));
        assertThat(anomalies).anySatisfy(r -> assertThat(r.value()).contains("\"dimension\":\"carrier\"")
                .contains("\"dimensionValue\":\"ct-x\""));
        assertThat(anomalies).anySatisfy(r -> assertThat(r.value()).contains("\"dimension\":\"destinationClass\"")
                .contains("\"dimensionValue\":\"INTERNATIONAL\""));
        assertThat(anomalies).anySatisfy(r -> assertThat(r.value()).contains("\"dimension\":\"destinationShare\"")
                .contains("\"score\":\"1.0000\"").contains("INTERNATIONAL destinations took 100.0%"));
        assertThat(anomalies).allSatisfy(r -> assertThat(r.key()).isEqualTo(AnalyticsFlowTest.CAMPAIGN));

        given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/analytics/alerts?type=SpendAnomaly")
                .then().statusCode(200).body("totalItems", equalTo(4));
    }

    private static io.restassured.response.ValidatableResponse overview(String tenant) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/analytics/campaigns/" + AnalyticsFlowTest.CAMPAIGN + "/overview").then().statusCode(200);
    }
}
