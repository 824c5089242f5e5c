package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.abandon.AbandonLedger;
import io.waihu.dialer.repository.CallRepository;
import io.waihu.dialer.service.DialerEngine;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Pacing capacity through the real broker and database, on AgentFlowTest's network (every callee answers in person
 * after 8-10 s of call time, 4x faster than real): an agent logged in to two campaigns is dialled for once, not once
 * per campaign; and the abandon tally of the rule pack's window is the stored one, so it is the same after the
 * dialer rebuilds it from the database (as at a restart) and the limit still holds.
 */
@QuarkusTest
@TestProfile(AgentFlowTest.EveryoneAnswers.class)
@WithTestResource(RealInfrastructureResource.class)
class SharedCapacityFlowTest {

    @Inject
    DialerEngine engine;
    @Inject
    CallRepository calls;
    @Inject
    Pool pool;

    String tenant = "tenant-" + UUID.randomUUID();

    RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(tenant, role)).contentType(ContentType.JSON);
    }

    void campaign(String campaignId, DialMode mode) {
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, campaignId, campaignId, mode, "CN",
                Money.of("1000.00", "CNY"), List.of(), null, DialFlowTest.allWeek(), null), "campaign-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("supervisor").when().get("/api/v1/dialer/campaigns/" + campaignId + "/pacing")
                .then().statusCode(200).body("dialMode", equalTo(mode.name())));
    }

    void tariff() {
        KafkaProbe.publish(Topics.TARIFF_EVENTS, DialFlowTest.tariff(tenant, "carrier-one", "0.1000", 1), "billing-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("supervisor").queryParam("number", "+8613800138000")
                .when().get("/api/v1/routes").then().statusCode(200).body("ranking.options.size()", equalTo(1)));
    }

    String request(String campaignId, String number) {
        String attempt = "att-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, campaignId, attempt, "contact-" + attempt, number,
                List.of("Asia/Shanghai"), Instant.now().plus(10, ChronoUnit.MINUTES), 1, 0), "campaign-service");
        return attempt;
    }

    static long count(List<String> attempts, Class<? extends CallEvent> type) {
        long n = 0;
        for (String a : attempts) {
            n += DialFlowTest.eventsOf(a, 100, Duration.ofMillis(500)).stream().filter(type::isInstance).count();
        }
        return n;
    }

    @Test
    void anAgentLoggedInToTwoCampaignsIsDialledForOnce() {
        tariff();
        campaign("camp-s1", DialMode.PROGRESSIVE);
        campaign("camp-s2", DialMode.PROGRESSIVE);
        as("supervisor").body(Map.of("agentId", "shared", "name", "Shared", "campaignIds", List.of("camp-s1", "camp-s2"), "state", "READY"))
                .when().post("/api/v1/agents").then().statusCode(201);
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            attempts.add(request("camp-s1", "+861380013810" + i));
            attempts.add(request("camp-s2", "+861380013811" + i));
        }
        // the first call is answered after 2.25-2.75 s (real), talks 1 s, and the (real) agent stays in wrap-up
        CallEnded ended = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String a : attempts) {
                CallEnded e = AgentFlowTest.latest(a, CallEnded.class);
                if (e != null) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
        assertThat(ended.disposition()).isEqualTo(CallDisposition.ANSWERED_HUMAN);
        assertThat(ended.agentId()).isEqualTo("shared");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        // counted READY in both campaigns, it would have been dialled for twice and the second answer abandoned
        assertThat(count(attempts, CallPlaced.class)).isEqualTo(1);
        assertThat(count(attempts, CallEnded.class)).isEqualTo(1);
        int ready1 = as("supervisor").when().get("/api/v1/dialer/campaigns/camp-s1/pacing").then().extract().path("readyAgents");
        int ready2 = as("supervisor").when().get("/api/v1/dialer/campaigns/camp-s2/pacing").then().extract().path("readyAgents");
        assertThat(ready1 + ready2).isZero(); // the agent is in wrap-up
        // back to READY: it counts in one campaign, and one more call is placed for it
        as("agent").body(Map.of("state", "READY")).when().put("/api/v1/agents/shared/state").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(attempts, CallPlaced.class) == 2);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(count(attempts, CallPlaced.class)).isEqualTo(2);
    }

    @Test
    void theAbandonTallyIsTheStoredOneAndStillHoldsTheLimitAfterAReload() {
        tariff();
        String campaign = "camp-restart";
        campaign(campaign, DialMode.PREDICTIVE);
        as("supervisor").body(Map.of("agentId", "desk-r", "name", "R", "campaignIds", List.of(campaign), "state", "READY"))
                .when().post("/api/v1/agents").then().statusCode(201);
        String first = request(campaign, "+8613800138120");
        AgentFlowTest.awaitEvent(first, CallPlaced.class);
        // the agent steps away before the callee picks up: the answer is abandoned after 2 s
        as("agent").body(Map.of("state", "PAUSED")).when().put("/api/v1/agents/desk-r/state").then().statusCode(200);
        CallEnded ended = AgentFlowTest.awaitEvent(first, CallEnded.class);
        assertThat(ended.abandoned()).isTrue();
        String pacing = "/api/v1/dialer/campaigns/" + campaign + "/pacing";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("supervisor").when().get(pacing).then().statusCode(200)
                .body("liveAnswersInWindow", equalTo(1)).body("abandonedInWindow", equalTo(1)).body("abandonRateBasisPoints", equalTo(10000))
                .body("inputs.guard", equalTo("LIMIT_REACHED")));

        // stored in PostgreSQL with the CallEnded
        Row bucket = pool.preparedQuery("SELECT live_answers, abandoned FROM abandon_bucket WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenant, campaign)).await().indefinitely().iterator().next();
        assertThat(bucket.getLong("live_answers")).isEqualTo(1);
        assertThat(bucket.getLong("abandoned")).isEqualTo(1);
        // a ledger built from the repository alone has the same window totals
        AbandonLedger fresh = new AbandonLedger();
        for (Row r : calls.bucketsSince(Instant.now().minus(AbandonLedger.ROLLING)).await().indefinitely()) {
            if (tenant.equals(r.getString("tenant_id")) && campaign.equals(r.getString("campaign_id"))) {
                fresh.add(r.getOffsetDateTime("bucket_start").toInstant(), r.getLong("live_answers"), r.getLong("abandoned"));
            }
        }
        AbandonLedger.Totals totals = fresh.totals(AbandonWindow.ROLLING_30_DAYS, ZoneId.of("Asia/Shanghai"), Instant.now());
        assertThat(totals.liveAnswers()).isEqualTo(1);
        assertThat(totals.abandoned()).isEqualTo(1);

        // the dialer forgets its memory and rebuilds it from the database, as at a restart
        engine.reloadAbandonLedgers(Instant.now());
        Instant reloaded = Instant.now();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("supervisor").when().get(pacing).then().statusCode(200)
                .body("decidedAt", org.hamcrest.Matchers.greaterThan(reloaded.toString()))
                .body("liveAnswersInWindow", equalTo(1)).body("abandonedInWindow", equalTo(1)).body("abandonRateBasisPoints", equalTo(10000))
                .body("inputs.guard", equalTo("LIMIT_REACHED")));

        // and the limit holds: with one READY agent and three queued requests the predictive pacer places one call
        as("agent").body(Map.of("state", "READY")).when().put("/api/v1/agents/desk-r/state").then().statusCode(200);
        List<String> more = List.of(request(campaign, "+8613800138121"), request(campaign, "+8613800138122"),
                request(campaign, "+8613800138123"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(more, CallPlaced.class) >= 1);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(count(more, CallPlaced.class)).isEqualTo(1);
        for (String a : more) {
            assertThat(DialFlowTest.eventsOf(a, 100, Duration.ofMillis(500)).stream()
                    .filter(e -> e instanceof CallEnded ce && ce.abandoned()).count()).isZero();
        }
    }
}
