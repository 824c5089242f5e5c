package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waihu.events.Topics;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waihu.billing.BillingApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A retroactive correction changes nothing by itself; a rerating run prices the stored calls again, updates the ones
 * whose cost changed and announces each (CallRerated, or CallCharged for a call that could not be priced before);
 * a second identical run changes nothing.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ReratingTest {

    /** DECK_CSV with dearer mobile rates: peak 0.10 → 0.20 a minute, offpeak 0.05 → 0.09; connect fee and fixed lines as before. */
    private static final String DEARER = BillingApi.DECK_CSV.replace(",0.10,60,", ",0.20,60,").replace(",0.05,60,", ",0.09,60,");

    private static CallEnded ended(String tenant, String callId, String carrierId, String number, Instant answeredAt, long seconds) {
        return CallEnded.of(tenant, answeredAt.plusSeconds(seconds), callId, "camp-rr", "attempt-" + callId, "contact-1", number,
                carrierId, null, CallDisposition.ANSWERED_HUMAN, answeredAt.minusSeconds(8), answeredAt.minusSeconds(6),
                answeredAt, answeredAt.plusSeconds(seconds), seconds, false, null, "Asia/Shanghai");
    }

    private static JsonPath record(String tenant, String callId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/call-records/" + callId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void awaitStatus(String tenant, String callId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/call-records/" + callId)
                        .then().statusCode(200).body("ratingStatus", equalTo(status)));
    }

    private static Instant effectiveFromOfFirstVersion(String tenant, String tariffId) {
        return Instant.parse(given().header("Authorization", TestTokens.bearer(tenant, "admin"))
                .when().get("/api/v1/tariffs/" + tariffId + "/versions").then().statusCode(200).extract().path("items[0].effectiveFrom"));
    }

    private static int uploadRetroactive(String tenant, String tariffId, Instant effectiveFrom, String csv) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("text/csv").body(csv)
                .queryParam("retroactive", true).queryParam("effectiveFrom", effectiveFrom.toString())
                .when().post("/api/v1/tariffs/" + tariffId + "/versions").then().log().ifValidationFails().statusCode(201)
                .extract().path("version");
    }

    private static JsonPath run(String tenant, Instant from, Instant to, String carrierId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType(ContentType.JSON)
                .body("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"" + (carrierId == null ? "" : ",\"carrierId\":\"" + carrierId + "\"")
                        + ",\"reason\":\"mobile rates corrected\"}")
                .when().post("/api/v1/rerating-runs").then().log().ifValidationFails().statusCode(201).extract().jsonPath();
    }

    private static List<ConsumerRecord<String, String>> events(String callId, String type, int atLeast, Duration wait) {
        return KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS,
                r -> callId.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""), atLeast, wait);
    }

    @Test
    void aRetroactiveCorrectionReratesStoredCallsOnceAndAnnouncesEachChange() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "cm", 1);
        String tariff = BillingApi.tariff(tenant, carrier);
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        Instant v1From = effectiveFromOfFirstVersion(tenant, tariff);
        String bare = BillingApi.carrier(tenant, "bare", 1);

        Instant answered = BillingApi.awayFromBandEdges(v1From.plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        String mobile95 = "call-m95-" + UUID.randomUUID();
        String mobile30 = "call-m30-" + UUID.randomUUID();
        String fixed30 = "call-f30-" + UUID.randomUUID();
        String unpriced = "call-bare-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, mobile95, carrier, "+8613800138000", answered, 95), "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, mobile30, carrier, "+8613800138001", answered.plusSeconds(1), 30), "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, fixed30, carrier, "+861065529988", answered.plusSeconds(2), 30), "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, unpriced, bare, "+8613800138002", answered.plusSeconds(3), 40), "dialer-service");
        awaitStatus(tenant, mobile95, "RATED");
        awaitStatus(tenant, mobile30, "RATED");
        awaitStatus(tenant, fixed30, "RATED");
        awaitStatus(tenant, unpriced, "UNRATED");
        BigDecimal before95 = new BigDecimal(record(tenant, mobile95).getString("cost"));

        // only an admin may correct the past, and without the flag the past stays closed
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType("text/csv").body(DEARER)
                .queryParam("retroactive", true).queryParam("effectiveFrom", v1From.plusSeconds(1).toString())
                .when().post("/api/v1/tariffs/" + tariff + "/versions").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("text/csv").body(DEARER)
                .queryParam("effectiveFrom", v1From.minus(Duration.ofHours(1)).toString())
                .when().post("/api/v1/tariffs/" + tariff + "/versions").then().statusCode(400).body("detail", containsString("effectiveFrom"));

        // v2 takes over one second after v1, before every call was answered; stored ratings do not move by themselves
        assertThat(uploadRetroactive(tenant, tariff, v1From.plusSeconds(1), DEARER)).isEqualTo(2);
        assertThat(new BigDecimal(record(tenant, mobile95).getString("cost"))).isEqualByComparingTo(before95);

        Instant from = answered.minus(Duration.ofHours(1));
        Instant to = answered.plus(Duration.ofHours(1));
        JsonPath first = run(tenant, from, to, null);
        assertThat(first.getLong("examined")).isEqualTo(4);
        assertThat(first.getLong("changed")).as("both mobile calls").isEqualTo(2);
        assertThat(first.getLong("unchanged")).as("the fixed-line call (same rates) and the call of the carrier without tariff").isEqualTo(2);
        assertThat(first.getLong("newlyRated")).isZero();
        assertThat(first.getLong("wouldBecomeUnrated")).isZero();
        assertThat(first.getLong("currencyChanged")).isZero();
        assertThat(first.getString("finishedAt")).isNotNull();

        // 95 s at 60/6 is billed 96 s: a 60 s block and 6 increments of 6 s, plus the 0.05 connect fee.
        // peak:    v1 60×0.10/60 + 36×0.10/60 + 0.05 = 0.10 + 0.06 + 0.05 = 0.21;  v2 0.20 + 0.12 + 0.05 = 0.37;  delta 0.16
        // offpeak: v1 60×0.05/60 + 36×0.05/60 + 0.05 = 0.05 + 0.03 + 0.05 = 0.13;  v2 0.09 + 0.054 + 0.05 = 0.194; delta 0.064
        // (the band is the one of the answer in Shanghai time, so which pair applies depends on when the test runs)
        boolean peak = before95.compareTo(new BigDecimal("0.21")) == 0;
        assertThat(before95).isIn(new BigDecimal("0.21"), new BigDecimal("0.2100"), new BigDecimal("0.13"), new BigDecimal("0.1300"));
        BigDecimal expected95 = new BigDecimal(peak ? "0.37" : "0.194");
        BigDecimal delta95 = new BigDecimal(peak ? "0.16" : "0.064");

        List<ConsumerRecord<String, String>> rerated = events(mobile95, "CallRerated", 1, Duration.ofSeconds(20));
        assertThat(rerated).hasSize(1);
        CallRerated event = EventJson.read(rerated.get(0).value(), CallRerated.class);
        assertThat(event.previousCost().amount()).isEqualByComparingTo(before95);
        assertThat(event.newCost().amount()).isEqualByComparingTo(expected95);
        assertThat(event.delta().amount()).isEqualByComparingTo(delta95);
        assertThat(event.delta().currency()).isEqualTo("CNY");
        assertThat(event.tariffVersion()).isEqualTo(2);
        assertThat(event.reason()).contains("mobile rates corrected");
        assertThat(events(mobile30, "CallRerated", 1, Duration.ofSeconds(10))).hasSize(1);

        JsonPath stored = record(tenant, mobile95);
        assertThat(new BigDecimal(stored.getString("cost"))).isEqualByComparingTo(expected95);
        assertThat(stored.getInt("tariffVersion")).isEqualTo(2);
        assertThat(stored.getString("ratingStatus")).isEqualTo("RATED");
        assertThat(record(tenant, fixed30).getInt("tariffVersion")).as("unchanged calls are left alone").isEqualTo(1);

        // the run's delta is the sum over both mobile calls
        BigDecimal delta30 = new BigDecimal(record(tenant, mobile30).getString("cost"))
                .subtract(EventJson.read(events(mobile30, "CallRerated", 1, Duration.ofSeconds(5)).get(0).value(), CallRerated.class)
                        .previousCost().amount());
        assertThat(new BigDecimal(first.getString("deltaByCurrency.CNY"))).isEqualByComparingTo(delta95.add(delta30));

        // the same run again: every cost already equals its new rating
        JsonPath second = run(tenant, from, to, null);
        assertThat(second.getLong("examined")).isEqualTo(4);
        assertThat(second.getLong("changed")).isZero();
        assertThat(second.getLong("unchanged")).isEqualTo(4);
        assertThat(events(mobile95, "CallRerated", 2, Duration.ofSeconds(5))).as("no second CallRerated").hasSize(1);

        // runs are on record
        String firstId = first.getString("id");
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/rerating-runs/" + firstId)
                .then().statusCode(200).body("changed", equalTo(2)).body("reason", equalTo("mobile rates corrected"))
                .body("carrierId", equalTo(null));
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/rerating-runs")
                .then().statusCode(200).body("totalItems", equalTo(2)).body("items[0].id", equalTo(second.getString("id")));
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/rerating-runs/" + UUID.randomUUID())
                .then().statusCode(404);

        // the carrier that had no tariff gets one, retroactively, from before its call: the call becomes RATED
        String bareTariff = BillingApi.tariff(tenant, bare);
        uploadRetroactive(tenant, bareTariff, answered.minus(Duration.ofMinutes(5)), BillingApi.DECK_CSV);
        JsonPath bareRun = run(tenant, from, to, bare);
        assertThat(bareRun.getLong("examined")).isEqualTo(1);
        assertThat(bareRun.getLong("newlyRated")).isEqualTo(1);
        assertThat(bareRun.getLong("changed")).isZero();
        assertThat(bareRun.getString("carrierId")).isEqualTo(bare);
        JsonPath nowRated = record(tenant, unpriced);
        assertThat(nowRated.getString("ratingStatus")).isEqualTo("RATED");
        assertThat(nowRated.getString("unratedReason")).isNull();
        List<ConsumerRecord<String, String>> charged = events(unpriced, "CallCharged", 1, Duration.ofSeconds(20));
        assertThat(charged).hasSize(1);
        CallCharged chargedEvent = EventJson.read(charged.get(0).value(), CallCharged.class);
        assertThat(chargedEvent.cost().amount()).isEqualByComparingTo(new BigDecimal(nowRated.getString("cost")));
        assertThat(chargedEvent.attemptId()).isEqualTo("attempt-" + unpriced);
        assertThat(chargedEvent.carrierId()).isEqualTo(bare);
    }

    @Test
    void aRunIsRefusedAWindowOverThirtyOneDaysOrWithoutAReason() {
        String tenant = unique("t");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"from\":\"" + from + "\",\"to\":\"" + from.plus(Duration.ofDays(31)).plusSeconds(1) + "\",\"reason\":\"x\"}")
                .when().post("/api/v1/rerating-runs").then().statusCode(400).contentType(containsString("problem+json"))
                .body("detail", containsString("to:"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"from\":\"" + from + "\",\"to\":\"" + from.plus(Duration.ofDays(31)) + "\"}")
                .when().post("/api/v1/rerating-runs").then().statusCode(400).body("detail", containsString("reason"));
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).contentType(ContentType.JSON)
                .body("{\"from\":\"" + from + "\",\"to\":\"" + from.plusSeconds(60) + "\",\"reason\":\"x\"}")
                .when().post("/api/v1/rerating-runs").then().statusCode(403);
    }
}
