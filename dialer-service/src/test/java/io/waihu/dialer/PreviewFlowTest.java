package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * PREVIEW through the real broker and database, on AgentFlowTest's network (every callee answers in person after
 * 8-10 s of call time, 4x faster than real; a held request returns after 10 s): nothing is dialled until an agent asks;
 * the agent who asked gets the request RESERVED, dials it and is the one bridged; skip hands the request to another
 * agent; a reservation left alone returns the request and the agent.
 */
@QuarkusTest
@TestProfile(AgentFlowTest.EveryoneAnswers.class)
@WithTestResource(RealInfrastructureResource.class)
class PreviewFlowTest {

    static final String CAMPAIGN = "camp-preview";

    String tenant = "tenant-" + UUID.randomUUID();
    /** the AGENT token's user name: an agent token acts for this agent id only */
    String me = "test-user@" + tenant;

    RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(tenant, role)).contentType(ContentType.JSON);
    }

    void previewCampaign() {
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, "carrier-one", "0.1000", 1), "billing-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, CAMPAIGN, "Preview", DialMode.PREVIEW, "CN",
                Money.of("1000.00", "CNY"), List.of(), null, DialFlowTest.allWeek(), null), "campaign-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("supervisor").queryParam("number", "+8613800138000")
                .queryParam("campaignId", CAMPAIGN).when().get("/api/v1/routes").then().statusCode(200)
                .body("ranking.options.size()", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("supervisor").when().get("/api/v1/dialer/campaigns/" + CAMPAIGN + "/pacing")
                .then().statusCode(200).body("pacer", equalTo("preview")));
    }

    void agent(String agentId, String campaignId) {
        as("supervisor").body(Map.of("agentId", agentId, "name", "Agent " + agentId, "campaignIds", List.of(campaignId),
                "state", "READY")).when().post("/api/v1/agents").then().statusCode(201);
    }

    String request(String number) {
        String attempt = "att-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, CAMPAIGN, attempt, "contact-" + attempt, number,
                List.of("Asia/Shanghai"), Instant.now().plus(10, ChronoUnit.MINUTES), 1, 0), "campaign-service");
        return attempt;
    }

    Response ask(String role, String agentId) {
        return as(role).when().post("/api/v1/agents/" + agentId + "/next-call");
    }

    /** Asks until the request has reached the queue (the consumer is asynchronous). */
    Response awaitOffer(String role, String agentId) {
        AtomicReference<Response> offer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response r = ask(role, agentId);
            if (r.statusCode() == 404) {
                assertThat(r.jsonPath().getString("title")).isEqualTo("No call available");
                return false;
            }
            offer.set(r);
            return true;
        });
        return offer.get();
    }

    String stateOf(String agentId) {
        return as("supervisor").when().get("/api/v1/agents/" + agentId).then().statusCode(200).extract().path("state");
    }

    @Test
    void nothingIsDialledUntilTheAgentAsksAndTheAnswerGoesToThatAgent() {
        previewCampaign();
        // the other agent has been idle longer: a pacer's call would go to it, a preview call must not
        agent("idle-longest", CAMPAIGN);
        agent(me, CAMPAIGN);
        String attempt = request("+8613800138050");
        // the request is queued and the dialer does not place it by itself
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("supervisor").when().get("/api/v1/dialer/campaigns/" + CAMPAIGN + "/pacing")
                .then().statusCode(200).body("queuedRequests", equalTo(1)).body("callsToPlace", equalTo(0)));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(DialFlowTest.eventsOf(attempt, 1, Duration.ofSeconds(1))).isEmpty();

        // another agent's token may not ask for me
        as("agent").when().post("/api/v1/agents/idle-longest/next-call").then().statusCode(403);
        Response offer = awaitOffer("agent", me);
        offer.then().statusCode(200).body("attemptId", equalTo(attempt)).body("campaignId", equalTo(CAMPAIGN))
                .body("number", equalTo("+8613800138050")).body("contactId", equalTo("contact-" + attempt)).body("agentId", equalTo(me));
        String callId = offer.path("callId");
        assertThat(Instant.parse(offer.path("reservedUntil"))).isAfter(Instant.now());
        assertThat(stateOf(me)).isEqualTo("RESERVED");
        as("agent").when().get("/api/v1/agents/" + me + "/preview").then().statusCode(200).body("attemptId", equalTo(attempt));
        // a RESERVED agent cannot ask for a second one
        ask("agent", me).then().statusCode(409).body("title", equalTo("Agent not ready"));
        // nor can another agent dial what I hold
        as("supervisor").when().post("/api/v1/agents/idle-longest/preview/" + attempt + "/dial").then().statusCode(409);

        as("agent").when().post("/api/v1/agents/" + me + "/preview/" + attempt + "/dial").then().statusCode(200)
                .body("outcome", equalTo("PLACED")).body("callId", equalTo(callId)).body("carrierId", equalTo("carrier-one"));
        CallEnded ended = AgentFlowTest.awaitEvent(attempt, CallEnded.class);
        assertThat(ended.disposition()).isEqualTo(CallDisposition.ANSWERED_HUMAN);
        assertThat(ended.agentId()).isEqualTo(me);
        assertThat(ended.abandoned()).isFalse();
        assertThat(ended.callId()).isEqualTo(callId);
        assertThat(ended.billableSeconds()).isBetween(4L, 5L);
        List<CallEvent> events = DialFlowTest.eventsOf(attempt, 100, Duration.ofSeconds(2));
        assertThat(events.stream().map(CallEvent::type)).containsExactly(CallPlaced.TYPE, CallRinging.TYPE, CallAnswered.TYPE, CallEnded.TYPE);
        assertThat(((CallPlaced) events.get(0)).carrierId()).isEqualTo("carrier-one");
        // a real agent's desktop ends the wrap-up; the other agent was never touched
        await().atMost(Duration.ofSeconds(10)).until(() -> "WRAP_UP".equals(stateOf(me)));
        assertThat(stateOf("idle-longest")).isEqualTo("READY");
        // the attempt is gone from the queue
        ask("agent", me).then().statusCode(409);
        as("agent").body(Map.of("state", "READY")).when().put("/api/v1/agents/" + me + "/state").then().statusCode(200);
        ask("agent", me).then().statusCode(404).body("title", equalTo("No call available"));
    }

    @Test
    void skipHandsTheRequestToAnotherAgentAndPlacesNothing() {
        previewCampaign();
        agent(me, CAMPAIGN);
        agent("colleague", CAMPAIGN);
        String attempt = request("+8613800138051");
        awaitOffer("agent", me).then().statusCode(200).body("attemptId", equalTo(attempt));
        as("agent").when().post("/api/v1/agents/" + me + "/preview/" + attempt + "/skip").then().statusCode(204);
        assertThat(stateOf(me)).isEqualTo("READY");
        // not offered to me again, but to the colleague
        ask("agent", me).then().statusCode(404);
        ask("supervisor", "colleague").then().statusCode(200).body("attemptId", equalTo(attempt)).body("agentId", equalTo("colleague"));
        // skipping what one does not hold
        as("agent").when().post("/api/v1/agents/" + me + "/preview/" + attempt + "/skip").then().statusCode(409);
        as("supervisor").when().post("/api/v1/agents/colleague/preview/" + attempt + "/skip").then().statusCode(204);
        as("supervisor").when().post("/api/v1/agents/colleague/preview/att-unknown/skip").then().statusCode(404);
        // nobody dialled it: no event at all
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(DialFlowTest.eventsOf(attempt, 1, Duration.ofSeconds(1))).isEmpty();
        as("supervisor").when().get("/api/v1/dialer/campaigns/" + CAMPAIGN + "/pacing").then().statusCode(200)
                .body("queuedRequests", equalTo(1)).body("callsToPlace", equalTo(0));
    }

    @Test
    void aReservationLeftAloneReturnsTheRequestAndTheAgent() {
        previewCampaign();
        agent(me, CAMPAIGN);
        String attempt = request("+8613800138052");
        String firstCall = awaitOffer("agent", me).then().statusCode(200).body("attemptId", equalTo(attempt)).extract().path("callId");
        assertThat(stateOf(me)).isEqualTo("RESERVED");
        // 10 s later (plus a tick) the agent is READY and holds nothing
        await().atMost(Duration.ofSeconds(25)).until(() -> "READY".equals(stateOf(me)));
        as("agent").when().get("/api/v1/agents/" + me + "/preview").then().statusCode(404);
        as("agent").when().post("/api/v1/agents/" + me + "/preview/" + attempt + "/dial").then().statusCode(409);
        // a timeout is not a skip: the same agent may get it again, under a new call id
        String secondCall = ask("agent", me).then().statusCode(200).body("attemptId", equalTo(attempt)).extract().path("callId");
        assertThat(secondCall).isNotEqualTo(firstCall);
        assertThat(DialFlowTest.eventsOf(attempt, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void onlyAgentsOfARunningPreviewCampaignMayAsk() {
        previewCampaign();
        as("supervisor").body(Map.of("agentId", "prog-only", "name", "P", "campaignIds", List.of("camp-progressive"), "state", "READY"))
                .when().post("/api/v1/agents").then().statusCode(201);
        ask("supervisor", "prog-only").then().statusCode(409).body("title", equalTo("Agent not assigned"))
                .header("Content-Type", org.hamcrest.Matchers.containsString("problem+json"));
        agent(me, CAMPAIGN);
        as("agent").queryParam("campaignId", "camp-other").when().post("/api/v1/agents/" + me + "/next-call").then().statusCode(409);
        as("agent").body(Map.of("state", "PAUSED")).when().put("/api/v1/agents/" + me + "/state").then().statusCode(200);
        ask("agent", me).then().statusCode(409).body("title", equalTo("Agent not ready"));
        ask("supervisor", "nobody").then().statusCode(404);
        as("integrator").when().post("/api/v1/agents/" + me + "/next-call").then().statusCode(403);
    }
}
