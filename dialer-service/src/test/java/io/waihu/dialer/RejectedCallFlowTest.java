package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.dialer.CallAnswered;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.events.dialer.CallRinging;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A network where every callee declines the ringing call (SIP 603): the call ends REJECTED on the carrier that took
 * it, with nothing billable, and the dialer does not fail over to the next carrier (it is the callee's answer).
 */
@QuarkusTest
@TestProfile(RejectedCallFlowTest.EveryoneDeclines.class)
@WithTestResource(RealInfrastructureResource.class)
class RejectedCallFlowTest {

    public static class EveryoneDeclines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("waihu.simulator.time-factor", "4"),
                    Map.entry("waihu.simulator.overrides.human", "0"),
                    Map.entry("waihu.simulator.overrides.voicemail", "0"),
                    Map.entry("waihu.simulator.overrides.busy", "0"),
                    Map.entry("waihu.simulator.overrides.failed", "0"),
                    Map.entry("waihu.simulator.overrides.rejected", "1.0"),
                    Map.entry("waihu.simulator.overrides.reject-time", "fixed:6"),
                    Map.entry("waihu.simulator.overrides.pdd", "fixed:1"));
        }
    }

    @Test
    void aDeclinedCallEndsRejectedOnItsCarrierWithNothingBillable() {
        String tenant = "tenant-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, "carrier-dear", "0.5000", 1), "billing-service");
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, "carrier-cheap", "0.1200", 1), "billing-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, "camp-603", "Declines", DialMode.AGENTLESS, "CN",
                Money.of("1000.00", "CNY"), List.of(), null, DialFlowTest.allWeek(), null), "campaign-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("number", "+8613800138000").queryParam("campaignId", "camp-603")
                .when().get("/api/v1/routes").then().statusCode(200).body("ranking.options.size()", equalTo(2)));
        String attempt = "att-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, "camp-603", attempt, "contact-603", "+8613800138603",
                List.of("Asia/Shanghai"), Instant.now().plus(10, ChronoUnit.MINUTES), 1, 0), "campaign-service");
        CallEnded ended = AgentFlowTest.awaitEvent(attempt, CallEnded.class);
        assertThat(ended.disposition()).isEqualTo(CallDisposition.REJECTED);
        assertThat(ended.carrierId()).isEqualTo("carrier-cheap");
        assertThat(ended.answeredAt()).isNull();
        assertThat(ended.billableSeconds()).isZero();
        assertThat(ended.abandoned()).isFalse();
        // it rang for the drawn 6 s after the 1 s post-dial delay, then the callee declined
        assertThat(Duration.between(ended.ringingAt(), ended.endedAt())).isEqualTo(Duration.ofSeconds(6));
        List<CallEvent> events = DialFlowTest.eventsOf(attempt, 100, Duration.ofSeconds(2));
        assertThat(events.stream().map(CallEvent::type)).containsExactly(CallPlaced.TYPE, CallRinging.TYPE, CallEnded.TYPE);
        // no failover: one carrier, one CallPlaced, no answer
        assertThat(events).noneMatch(e -> e instanceof CallAnswered);
        assertThat(events.stream().filter(e -> e instanceof CallPlaced).map(e -> ((CallPlaced) e).carrierId())).containsExactly("carrier-cheap");
    }
}
