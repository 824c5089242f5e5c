package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
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
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Agents through the real broker and database, on a network where every callee answers in person after 8-10 s
 * (call time, 4x faster than real): a call is bridged to the READY agent, and an answer with no agent free is
 * abandoned after 2 s, counted against the limit, and its number is not redialled within the cool-off.
 */
@QuarkusTest
@TestProfile(AgentFlowTest.EveryoneAnswers.class)
@WithTestResource(RealInfrastructureResource.class)
class AgentFlowTest {

    public static class EveryoneAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("waihu.simulator.time-factor", "4"),
                    // this carrier fails every call at setup, after 1 s
                    Map.entry("waihu.simulator.overrides.\"carrier.carrier-flaky\"", "1.0:1.0:fixed:1"),
                    // 20 s of post-dial delay (5 s real): time for a test to act between CallPlaced and the answer
                    Map.entry("waihu.simulator.overrides.\"carrier.carrier-slow\"", "1.0:0:fixed:20"),
                    Map.entry("waihu.simulator.overrides.fail-time", "fixed:1"),
                    Map.entry("waihu.simulator.overrides.human", "1.0"),
                    Map.entry("waihu.simulator.overrides.voicemail", "0"),
                    Map.entry("waihu.simulator.overrides.busy", "0"),
                    Map.entry("waihu.simulator.overrides.failed", "0"),
                    Map.entry("waihu.simulator.overrides.human-ring", "uniform:8:10"),
                    Map.entry("waihu.simulator.overrides.talk", "fixed:4"),
                    Map.entry("waihu.simulator.overrides.pdd", "fixed:1"),
                    // PreviewFlowTest shares this profile (one Quarkus start): a held preview request returns after 10 s,
                    // long enough for the test's own REST calls on a loaded machine
                    Map.entry("waihu.dialer.preview-reservation-timeout", "10s"));
        }
    }

    @Inject
    Pool pool;

    String tenant = "tenant-" + UUID.randomUUID();

    void setUpCampaign(String campaignId) {
        setUpCampaign(campaignId, "carrier-one");
    }

    void setUpCampaign(String campaignId, String carrierId) {
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, carrierId, "0.1000", 1), "billing-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, campaignId, "Agents", DialMode.PROGRESSIVE, "CN",
                Money.of("1000.00", "CNY"), List.of(), null, DialFlowTest.allWeek(), null), "campaign-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("number", "+8613800138000").queryParam("campaignId", campaignId)
                .when().get("/api/v1/routes").then().statusCode(200).body("ranking.options.size()", equalTo(1)));
    }

    io.restassured.specification.RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(tenant, role)).contentType(ContentType.JSON);
    }

    void createAgent(String agentId, String campaignId, boolean simulated) {
        as("supervisor").body(Map.of("agentId", agentId, "name", "Agent " + agentId, "campaignIds", List.of(campaignId),
                        "simulated", simulated, "wrapSeconds", 2, "state", "READY"))
                .when().post("/api/v1/agents").then().statusCode(201).body("state", equalTo("READY"));
    }

    void request(String campaignId, String attemptId, String number) {
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, campaignId, attemptId, "contact-" + attemptId, number,
                List.of("Asia/Shanghai"), Instant.now().plus(10, ChronoUnit.MINUTES), 1, 0), "campaign-service");
    }

    static <T extends CallEvent> T latest(String attemptId, Class<T> type) {
        List<CallEvent> events = DialFlowTest.eventsOf(attemptId, 1, Duration.ofSeconds(1));
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    static <T extends CallEvent> T awaitEvent(String attemptId, Class<T> type) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> latest(attemptId, type), e -> e != null);
    }

    @Test
    void answeredCallGoesToTheReadyAgentWhoWrapsUpAndComesBack() {
        setUpCampaign("camp-agents");
        createAgent("sim-1", "camp-agents", true);
        as("supervisor").when().get("/api/v1/agents/sim-1").then().statusCode(200).body("simulated", equalTo(true));
        String attempt = "att-" + UUID.randomUUID();
        request("camp-agents", attempt, "+8613800138010");
        CallEnded ended = awaitEvent(attempt, CallEnded.class);
        assertThat(ended.disposition()).isEqualTo(CallDisposition.ANSWERED_HUMAN);
        assertThat(ended.agentId()).isEqualTo("sim-1");
        assertThat(ended.abandoned()).isFalse();
        // bridged within the 2 s rule and talked 4 s: at least 4 billable seconds, at most 6
        assertThat(ended.billableSeconds()).isBetween(4L, 6L);
        // after 2 s of (call time) wrap-up the simulated agent is READY again, and that is stored
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("agent").when().get("/api/v1/agents/sim-1").then()
                .statusCode(200).body("state", equalTo("READY")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "READY".equals(pool.preparedQuery(
                        "SELECT state FROM agent WHERE tenant_id = $1 AND agent_id = $2").execute(Tuple.of(tenant, "sim-1"))
                .await().indefinitely().iterator().next().getString(0)));
    }

    @Test
    void answerWithNoAgentFreeIsAbandonedAndItsNumberCoolsOff() {
        setUpCampaign("camp-abandon", "carrier-slow");
        createAgent("desk-1", "camp-abandon", false);
        String attempt = "att-" + UUID.randomUUID();
        request("camp-abandon", attempt, "+8613800138020");
        CallPlaced placed = awaitEvent(attempt, CallPlaced.class);
        assertThat(placed.carrierId()).isEqualTo("carrier-slow");
        // the agent steps away before the callee picks up (20 s post-dial delay + 8-10 s of ringing: 7-7.5 s real)
        as("agent").body(Map.of("state", "PAUSED")).when().put("/api/v1/agents/desk-1/state").then().statusCode(200)
                .body("state", equalTo("PAUSED"));
        CallEnded ended = awaitEvent(attempt, CallEnded.class);
        assertThat(ended.disposition()).isEqualTo(CallDisposition.ABANDONED);
        assertThat(ended.abandoned()).isTrue();
        assertThat(ended.agentId()).isNull();
        assertThat(Duration.between(ended.answeredAt(), ended.endedAt())).isEqualTo(Duration.ofSeconds(2));
        assertThat(ended.billableSeconds()).isEqualTo(2);
        // the view is the last pacing tick's (every 250 ms): the CallEnded can arrive before a tick has seen the abandon
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("supervisor").when()
                .get("/api/v1/dialer/campaigns/camp-abandon/pacing").then().statusCode(200)
                .body("abandonedInWindow", equalTo(1)).body("liveAnswersInWindow", greaterThanOrEqualTo(1))
                .body("abandonLimitBasisPoints", equalTo(300)));
        // the rule pack says 72 h: the same number is not dialled again
        as("agent").body(Map.of("state", "READY")).when().put("/api/v1/agents/desk-1/state").then().statusCode(200);
        String again = "att-" + UUID.randomUUID();
        request("camp-abandon", again, "+8613800138020");
        DialDropped dropped = awaitEvent(again, DialDropped.class);
        assertThat(dropped.reason()).isEqualTo(DropReason.ABANDON_COOL_OFF);
    }

    @Test
    void theDesktopMakesLegalMovesOnly() {
        as("supervisor").body(Map.of("agentId", "desk-9", "name", "Nine")).when().post("/api/v1/agents").then().statusCode(201)
                .body("state", equalTo("LOGGED_OUT"));
        as("supervisor").body(Map.of("agentId", "desk-9", "name", "Again")).when().post("/api/v1/agents").then().statusCode(409);
        // logging in needs a campaign
        as("agent").body(Map.of("state", "READY")).when().put("/api/v1/agents/desk-9/state").then().statusCode(409);
        as("agent").body(Map.of("state", "READY", "campaignIds", List.of("camp-x"))).when().put("/api/v1/agents/desk-9/state")
                .then().statusCode(200).body("state", equalTo("READY")).body("campaignIds", equalTo(List.of("camp-x")));
        // ON_CALL, RESERVED and WRAP_UP are the dialer's
        as("agent").body(Map.of("state", "ON_CALL")).when().put("/api/v1/agents/desk-9/state").then().statusCode(409);
        as("agent").body(Map.of("state", "WRAP_UP")).when().put("/api/v1/agents/desk-9/state").then().statusCode(409);
        as("agent").body(Map.of("state", "PAUSED")).when().put("/api/v1/agents/desk-9/state").then().statusCode(200);
        as("agent").body(Map.of("state", "LOGGED_OUT")).when().put("/api/v1/agents/desk-9/state").then().statusCode(200);
        as("agent").body(Map.of("state", "NAPPING")).when().put("/api/v1/agents/desk-9/state").then().statusCode(400);
        as("agent").body(Map.of("state", "READY")).when().put("/api/v1/agents/nobody/state").then().statusCode(404);
        as("supervisor").queryParam("state", "LOGGED_OUT").when().get("/api/v1/agents").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].agentId", equalTo("desk-9"));
        as("agent").when().get("/api/v1/agents").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("other-tenant", "supervisor")).when().get("/api/v1/agents/desk-9")
                .then().statusCode(404);
    }

    @Test
    void aCarrierThatFailsAtSetupFailsOverToTheNextCheapest() {
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, "carrier-flaky", "0.0100", 1), "billing-service");
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, "carrier-one", "0.1000", 1), "billing-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, "camp-failover", "Failover", DialMode.AGENTLESS, "CN",
                Money.of("1000.00", "CNY"), List.of(), null, DialFlowTest.allWeek(), null), "campaign-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, "camp-flaky-only", "Flaky", DialMode.AGENTLESS, "CN",
                Money.of("1000.00", "CNY"), List.of("carrier-flaky"), null, DialFlowTest.allWeek(), null), "campaign-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("number", "+8613800138000").queryParam("campaignId", "camp-failover")
                .when().get("/api/v1/routes").then().statusCode(200).body("ranking.options[0].carrierId", equalTo("carrier-flaky"))
                .body("ranking.options.size()", equalTo(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("supervisor").when().get("/api/v1/dialer/campaigns/camp-flaky-only")
                .then().statusCode(200));
        String attempt = "att-" + UUID.randomUUID();
        request("camp-failover", attempt, "+8613800138030");
        CallEnded ended = awaitEvent(attempt, CallEnded.class);
        assertThat(ended.carrierId()).isEqualTo("carrier-one");
        List<CallEvent> events = DialFlowTest.eventsOf(attempt, 100, Duration.ofSeconds(2));
        assertThat(events.stream().filter(e -> e instanceof CallPlaced).map(e -> ((CallPlaced) e).carrierId())).containsExactly("carrier-one");
        // only the allowed carrier, and it fails: nothing was placed
        String lost = "att-" + UUID.randomUUID();
        request("camp-flaky-only", lost, "+8613800138031");
        DialDropped dropped = awaitEvent(lost, DialDropped.class);
        assertThat(dropped.reason()).isEqualTo(DropReason.CARRIERS_FAILED);
        assertThat(dropped.detail()).contains("carrier-flaky");
    }
}
