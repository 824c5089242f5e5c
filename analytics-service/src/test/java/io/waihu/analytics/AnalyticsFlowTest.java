package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.ChargeBreakdown;
import io.waihu.events.billing.ChargeSegment;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A campaign's whole stream through real Kafka into real PostgreSQL: duplicates, a charge before its CallEnded,
 * an outcome before its call; every KPI over REST equals the hand-computed figure, and the budget alerts appear
 * on analytics.alert-events.v1 exactly once each.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class AnalyticsFlowTest {

    static final String CAMPAIGN = "camp-flow";

    static CallEnded ended(String tenant, String callId, String carrier, CallDisposition d, Instant setup, Long ringMs,
                           Long answerMs, long endMs, long billable, boolean abandoned) {
        return CallEnded.of(tenant, setup.plusMillis(endMs), callId, CAMPAIGN, "att-" + callId, "contact-" + callId,
                "+8613800138000", carrier, null, d, setup, ringMs == null ? null : setup.plusMillis(ringMs),
                answerMs == null ? null : setup.plusMillis(answerMs), setup.plusMillis(endMs), billable, abandoned, null,
                "Asia/Shanghai");
    }

    static CallCharged charged(String tenant, String callId, String carrier, Instant at, String amount,
                               DestinationClass cls, long billed) {
        Money cost = Money.of(amount, "CNY");
        return CallCharged.of(tenant, at, callId, CAMPAIGN, "att-" + callId, carrier, cost, "tariff-1", 1, "86",
                cls, billed, new ChargeBreakdown(List.of(new ChargeSegment("all", "60/6", billed, billed, billed / 6,
                        Money.of("0.05", "CNY"), cost)), Money.zero("CNY"), List.of()));
    }

    static OutcomeRecorded outcome(String tenant, String callId, Instant at, boolean rpc, boolean conversion) {
        return OutcomeRecorded.of(tenant, at, CAMPAIGN, "att-" + callId, callId, "contact-" + callId,
                conversion ? "SALE" : "CALLBACK", true, rpc, conversion, false, "agent-1");
    }

    private static void call(io.waihu.events.WaihuEvent e) {
        KafkaProbe.publish(Topics.CALL_EVENTS, e, "dialer-service");
    }

    private static void charge(io.waihu.events.WaihuEvent e) {
        KafkaProbe.publish(Topics.CHARGE_EVENTS, e, "billing-service");
    }

    private static void outcome(io.waihu.events.WaihuEvent e) {
        KafkaProbe.publish(Topics.OUTCOME_EVENTS, e, "campaign-service");
    }

    private static ValidatableResponse get(String tenant, String path) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get(path).then();
    }

    @Test
    void kpisAndBudgetAlertsFromAnOutOfOrderStreamWithDuplicates() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant h0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Instant h1 = h0.plus(Duration.ofHours(1));

        CampaignStarted started = CampaignStarted.of(tenant, h0, CAMPAIGN, "Renewals", DialMode.PREDICTIVE, "cn-default",
                Money.of("10.00", "CNY"), List.of("cm", "ct"), h0.plus(Duration.ofDays(2)), null, List.of(80, 100));
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, started, "campaign-service");

        // c1: answered and converted; its CallEnded and its charge both delivered twice
        CallEnded c1 = ended(tenant, "c1", "cm", CallDisposition.ANSWERED_HUMAN, h0.plusSeconds(60), 1500L, 6000L, 66_000, 60, false);
        CallCharged c1Charge = charged(tenant, "c1", "cm", h0.plusSeconds(130), "3.0000", DestinationClass.MOBILE, 60);
        call(c1);
        call(c1);
        charge(c1Charge);
        charge(c1Charge);
        outcome(outcome(tenant, "c1", h0.plusSeconds(200), true, true));
        // c2: busy, PDD to its final response
        call(ended(tenant, "c2", "cm", CallDisposition.BUSY, h0.plusSeconds(120), null, null, 2000, 0, false));
        // c3: abandoned; its charge (stamped hours later) arrives BEFORE its CallEnded and must land in c3's own hour
        charge(charged(tenant, "c3", "ct", h0.plus(Duration.ofHours(2)), "1.0000", DestinationClass.MOBILE, 6));
        call(ended(tenant, "c3", "ct", CallDisposition.ABANDONED, h0.plusSeconds(180), 800L, 5000L, 7000, 2, true));
        // c4: rang out
        call(ended(tenant, "c4", "ct", CallDisposition.NO_ANSWER, h0.plusSeconds(240), 1000L, null, 30_000, 0, false));
        // c5: outcome first (right party, no sale), then the call and an international charge
        outcome(outcome(tenant, "c5", h1.plusSeconds(400), true, false));
        call(ended(tenant, "c5", "cm", CallDisposition.ANSWERED_HUMAN, h1.plusSeconds(10), 1200L, 4000L, 124_000, 120, false));
        charge(charged(tenant, "c5", "cm", h1.plusSeconds(200), "4.5000", DestinationClass.INTERNATIONAL, 120));
        // not dialled
        call(DialDropped.of(tenant, h1.plusSeconds(20), "d1", CAMPAIGN, "att-d1", "contact-d1", "+8613800138001",
                DropReason.OUTSIDE_WINDOW, "22:05 local", h1.plusSeconds(20)));

        // 3 + 1 + 4.5 = 8.5 of 10 CNY: 85%, the 80% threshold
        List<ConsumerRecord<String, String>> eighty = KafkaProbe.awaitRecords(Topics.ALERT_EVENTS,
                r -> r.value().contains(tenant) && r.value().contains("BudgetThresholdReached"), 1, Duration.ofSeconds(60));
        assertThat(eighty).hasSize(1);
        assertThat(eighty.get(0).value()).contains("\"thresholdPercent\":80").contains("\"amount\":\"8.5\"");
        assertThat(eighty.get(0).key()).isEqualTo(CAMPAIGN);

        // c6: voicemail, 2 CNY, charged before its CallEnded: 10.5 of 10, exhausted
        charge(charged(tenant, "c6", "cm", h1.plusSeconds(900), "2.0000", DestinationClass.LOCAL, 30));
        call(ended(tenant, "c6", "cm", CallDisposition.VOICEMAIL, h1.plusSeconds(300), 900L, 10_000L, 40_000, 30, false));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get(tenant, "/api/v1/analytics/campaigns/" + CAMPAIGN + "/overview").statusCode(200)
                        .body("name", equalTo("Renewals"))
                        .body("metrics.attempts", equalTo(6))
                        .body("metrics.dropped", equalTo(1))
                        .body("metrics.answered", equalTo(4))
                        .body("metrics.liveHumanAnswers", equalTo(3))
                        .body("metrics.connected", equalTo(2))
                        .body("metrics.abandoned", equalTo(1))
                        .body("metrics.conversions", equalTo(1))
                        .body("metrics.cost[0].amount", equalTo("10.5")));

        // hand-computed: ASR 4/6, NER 6/6, ACD (60+2+120+30)/4 s, PDD sorted 800 900 1000 1200 1500 2000
        get(tenant, "/api/v1/analytics/campaigns/" + CAMPAIGN + "/overview").statusCode(200)
                .body("metrics.asrPercent", equalTo("66.67"))
                .body("metrics.nerPercent", equalTo("100"))
                .body("metrics.acdSeconds", equalTo("53"))
                .body("metrics.pddP50Ms", equalTo(1000))
                .body("metrics.pddP95Ms", equalTo(2000))
                .body("metrics.abandonRatePercent", equalTo("33.33"))
                .body("metrics.contactRatePercent", equalTo("50"))
                .body("metrics.contacts", equalTo(2))
                .body("metrics.rightPartyContacts", equalTo(2))
                .body("metrics.rpcRatePercent", equalTo("66.67"))
                .body("metrics.conversionRatePercent", equalTo("50"))
                .body("metrics.talkSeconds", equalTo("212"))
                .body("metrics.billableSeconds", equalTo(212))
                .body("metrics.billedSeconds", equalTo(216))
                .body("metrics.chargedCalls", equalTo(4))
                .body("metrics.cost", hasSize(1))
                .body("metrics.cost[0].currency", equalTo("CNY"))
                .body("metrics.costPerAttempt[0].amount", equalTo("1.75"))
                .body("metrics.costPerConnect[0].amount", equalTo("5.25"))
                .body("metrics.costPerConversion[0].amount", equalTo("10.5"))
                .body("abandonWindow.basis", equalTo("ROLLING_30_DAYS"))
                .body("abandonWindow.ratePercent", equalTo("33.33"))
                .body("budget.spent.amount", equalTo("10.5"))
                .body("budget.percentUsed", equalTo("105"))
                .body("budget.remaining.amount", equalTo("-0.5"));

        // the early charges sit in their calls' hours: h0 has c1 + c3 = 4, h1 has c5 + c6 = 6.5; nothing in h0 + 2
        get(tenant, "/api/v1/analytics/timeseries?campaignId=" + CAMPAIGN + "&granularity=HOUR").statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items[0].time", equalTo(h0.toString()))
                .body("items[0].attempts", equalTo(4))
                .body("items[0].cost[0].amount", equalTo("4"))
                .body("items[1].time", equalTo(h1.toString()))
                .body("items[1].attempts", equalTo(2))
                .body("items[1].conversions", equalTo(0))
                .body("items[1].cost[0].amount", equalTo("6.5"));

        // carriers: cm = c1 c2 c5 c6 (3 + 4.5 + 2 = 9.5 over 210 billed s), ct = c3 c4 (1 over 6 s)
        get(tenant, "/api/v1/analytics/carriers?campaignId=" + CAMPAIGN).statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items[0].carrierId", equalTo("cm"))
                .body("items[0].attempts", equalTo(4))
                .body("items[0].asrPercent", equalTo("75"))
                .body("items[0].cost[0].amount", equalTo("9.5"))
                .body("items[0].costPerBilledMinute[0].amount", equalTo("2.7143"))
                .body("items[0].costPerConversion[0].amount", equalTo("9.5"))
                .body("items[1].carrierId", equalTo("ct"))
                .body("items[1].costPerBilledMinute[0].amount", equalTo("10"))
                .body("items[1].costPerConversion", hasSize(0));

        get(tenant, "/api/v1/analytics/breakdown?campaignId=" + CAMPAIGN + "&by=DESTINATION_CLASS").statusCode(200)
                .body("find { it.dimension == 'INTERNATIONAL' }.metrics.cost[0].amount", equalTo("4.5"))
                .body("find { it.dimension == 'UNKNOWN' }.metrics.attempts", equalTo(2));

        given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/analytics/breakdown.csv?campaignId=" + CAMPAIGN + "&by=carrier")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("carrier,attempts,answered"))
                .body(containsString("cm,4,3,75,100,"))
                .body(containsString(",CNY,9.5,2.375,"));

        // 1 Monday = ISO 1; every call was placed in Asia/Shanghai: the heatmap sums to the 6 attempts
        get(tenant, "/api/v1/analytics/heatmap?campaignId=" + CAMPAIGN).statusCode(200)
                .body("attempts.sum()", equalTo(6))
                .body("conversions.sum()", equalTo(1));

        // exactly once each, although the 100% crossing also re-checked 80%
        List<ConsumerRecord<String, String>> alerts = KafkaProbe.awaitRecords(Topics.ALERT_EVENTS,
                r -> r.value().contains(tenant), 10, Duration.ofSeconds(10));
        assertThat(alerts.stream().filter(r -> r.value().contains("\"thresholdPercent\":80")).count()).isEqualTo(1);
        assertThat(alerts.stream().filter(r -> r.value().contains("\"thresholdPercent\":100")).count()).isEqualTo(1);
        assertThat(alerts.stream().filter(r -> r.value().contains("BudgetExhausted")).count()).isEqualTo(1);
        assertThat(alerts.stream().filter(r -> r.value().contains("BudgetExhausted")).findFirst().orElseThrow().value())
                .contains("\"spent\":{\"amount\":\"10.5\",\"currency\":\"CNY\"}")
                .contains("\"budget\":{\"amount\":\"10\",\"currency\":\"CNY\"}");

        get(tenant, "/api/v1/analytics/alerts?campaignId=" + CAMPAIGN).statusCode(200)
                .body("totalItems", equalTo(3));

        // replaying the whole stream (same event ids) changes nothing
        call(c1);
        charge(c1Charge);
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, started, "campaign-service");
        call(ended(tenant, "c7", "ct", CallDisposition.FAILED, h1.plusSeconds(500), null, null, 300, 0, false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(tenant, "/api/v1/analytics/campaigns/" + CAMPAIGN + "/overview").body("metrics.attempts", equalTo(7)));
        get(tenant, "/api/v1/analytics/campaigns/" + CAMPAIGN + "/overview")
                .body("metrics.cost[0].amount", equalTo("10.5"))
                .body("metrics.answered", equalTo(4))
                .body("metrics.nerPercent", equalTo("85.71"));
        get(tenant, "/api/v1/analytics/alerts?campaignId=" + CAMPAIGN).body("totalItems", equalTo(3));
    }

    @Test
    void unknownCampaignIsAProblem() {
        given().header("Authorization", TestTokens.bearer("tenant-x", "supervisor"))
                .when().get("/api/v1/analytics/campaigns/nope/overview")
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        given().header("Authorization", TestTokens.bearer("tenant-x", "supervisor"))
                .when().get("/api/v1/analytics/timeseries?granularity=WEEK")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
        given().when().get("/api/v1/analytics/campaigns").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("tenant-x", "agent"))
                .when().get("/api/v1/analytics/campaigns").then().statusCode(403);
    }

    @Test
    void forecastProjectsTheRunRate() {
        String tenant = "tenant-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/analytics/campaigns/none/forecast").then().statusCode(404);
    }
}
