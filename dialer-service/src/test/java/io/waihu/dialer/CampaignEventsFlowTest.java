package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.campaign.CampaignPaused;
import io.waihu.events.campaign.CampaignResumed;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
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

/** Campaign lifecycle events go through the real broker into the dialer's real database. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CampaignEventsFlowTest {

    private static io.restassured.response.ValidatableResponse campaign(String tenant, String campaignId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/dialer/campaigns/" + campaignId).then();
    }

    @Test
    void lifecycleIsCopiedOnceAndLateEventsChangeNothing() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T01:00:00Z");
        CampaignStarted started = CampaignStarted.of(tenant, t0, "camp-7", "Renewals", DialMode.PREDICTIVE, "CN",
                Money.of("5000.00", "CNY"), List.of("carrier-cm", "carrier-ct"), null, null, null);
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, started, "campaign-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignPaused.of(tenant, t0.plusSeconds(60), "camp-7", "budget"), "campaign-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, started, "campaign-service"); // redelivered start: no effect
        // a resume older than the pause (out of order): must not win
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignResumed.of(tenant, t0.plusSeconds(30), "camp-7"), "campaign-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, t0, "camp-marker", "Marker", DialMode.PREVIEW,
                "US", null, List.of(), null, null, null), "campaign-service");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> campaign(tenant, "camp-marker").statusCode(200));
        // the marker has its own key (maybe another partition): wait for camp-7's own events as well
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> campaign(tenant, "camp-7").statusCode(200)
                .body("status", equalTo("PAUSED")));
        campaign(tenant, "camp-7").statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("statusReason", equalTo("budget"))
                .body("dialMode", equalTo("PREDICTIVE"))
                .body("allowedCarrierIds", equalTo(List.of("carrier-cm", "carrier-ct")));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).queryParam("status", "RUNNING")
                .when().get("/api/v1/dialer/campaigns").then().statusCode(200).body("totalItems", equalTo(1));
        campaign("other-tenant", "camp-7").statusCode(404);
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).when().get("/api/v1/dialer/campaigns")
                .then().statusCode(403);
    }

    @Test
    void malformedCampaignEventGoesToTheDlq() {
        String key = "bad-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CAMPAIGN_EVENTS, key, "{\"type\":\"CampaignPaused\",\"campaignId\":\"" + key + "\",\"reason\":7}", Map.of());
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.dlq(Topics.CAMPAIGN_EVENTS, "dialer-service"),
                r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(KafkaProbe.header(dead.get(0), Topics.DLQ_REASON_HEADER)).isNotBlank();
    }
}
