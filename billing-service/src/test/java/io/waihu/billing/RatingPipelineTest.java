package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waihu.events.Topics;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.UnratedReason;
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
import static org.hamcrest.Matchers.equalTo;

/** CallEnded through the real broker: rated once, stored, announced; the quote for the same call agrees to the cent. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class RatingPipelineTest {

    private static CallEnded ended(String tenant, String callId, String carrierId, String number, Instant answeredAt, long seconds) {
        return CallEnded.of(tenant, answeredAt.plusSeconds(seconds), callId, "camp-r", "attempt-" + callId, "contact-1", number,
                carrierId, null, CallDisposition.ANSWERED_HUMAN, answeredAt.minusSeconds(8), answeredAt.minusSeconds(6),
                answeredAt, answeredAt.plusSeconds(seconds), seconds, false, null, "Asia/Shanghai");
    }

    private static Instant nextMondayTenInShanghai() {
        return java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .withHour(10).withMinute(0).withSecond(0).withNano(0).toInstant();
    }

    private static JsonPath quote(String tenant, String carrierId, String number, Instant at, long seconds) {
        return given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType(ContentType.JSON)
                .body("{\"number\":\"" + number + "\",\"startAt\":\"" + at + "\",\"durationSeconds\":" + seconds
                        + ",\"carrierId\":\"" + carrierId + "\"}")
                .when().post("/api/v1/quotes").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anEndedCallIsRatedOnceAndItsQuoteAgreesToTheCent() {
        String tenant = unique("t");
        String carrier = BillingApi.pricedCarrier(tenant, "cm", 1, BillingApi.DECK_CSV);
        Instant answered = BillingApi.awayFromBandEdges(Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS));
        String callId = "call-" + UUID.randomUUID();

        JsonPath quoted = quote(tenant, carrier, "13800138000", answered, 95);
        String quotedCost = quoted.getString("[0].cost.amount");
        assertThat(quoted.getString("[0].breakdown.destinationPrefix")).isEqualTo("86138");
        assertThat(quoted.getList("[0].breakdown.segments")).hasSize(2);

        CallEnded event = ended(tenant, callId, carrier, "+8613800138000", answered, 95);
        KafkaProbe.publish(Topics.CALL_EVENTS, event, "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, event, "dialer-service"); // redelivered
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, carrier, "+8613800138000", answered, 95), "dialer-service"); // new id, same call

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/call-records/" + callId)
                        .then().statusCode(200).body("ratingStatus", equalTo("RATED")));
        JsonPath stored = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/call-records/" + callId).then().extract().jsonPath();
        assertThat(new BigDecimal(stored.getString("cost"))).isEqualByComparingTo(quotedCost);
        assertThat(stored.<Object>get("cost")).as("decimals travel as strings").isInstanceOf(String.class);
        assertThat(stored.<Object>get("breakdown.segments[0].ratePerUnit")).isInstanceOf(String.class);
        assertThat(stored.getString("destinationClass")).isEqualTo("MOBILE");
        assertThat(stored.getInt("billedSeconds")).isEqualTo(96);

        // peak 0.10 + 0.06 + 0.05 = 0.21, offpeak 0.05 + 0.03 + 0.05 = 0.13 (Shanghai time decides which)
        assertThat(new BigDecimal(quotedCost)).satisfiesAnyOf(
                cost -> assertThat(cost).isEqualByComparingTo("0.21"),
                cost -> assertThat(cost).isEqualByComparingTo("0.13"));

        List<ConsumerRecord<String, String>> charges = KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS,
                r -> callId.equals(r.key()), 2, Duration.ofSeconds(8));
        assertThat(charges).hasSize(1);
        CallCharged charged = EventJson.read(charges.get(0).value(), CallCharged.class);
        assertThat(charged.cost().amount()).isEqualByComparingTo(quotedCost);
        assertThat(charged.cost().currency()).isEqualTo("CNY");
        assertThat(charged.breakdown().segments()).hasSize(2);
        assertThat(charged.tariffVersion()).isEqualTo(1);
    }

    @Test
    void quotesAgreeWithStoredRatingsOverManyCallsAndTheStatementAddsThemUp() {
        String tenant = unique("t");
        String carrier = BillingApi.pricedCarrier(tenant, "many", 1, BillingApi.DECK_CSV);
        java.util.Random random = new java.util.Random(20261126);
        String[] numbers = {"13800138000", "0755 8888 1234", "+86 10 6552 9988", "008613912345678"};
        Instant base = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        BigDecimal quotedTotal = BigDecimal.ZERO;
        java.util.Map<String, BigDecimal> quotedByCall = new java.util.HashMap<>();
        for (int i = 0; i < 25; i++) {
            String number = numbers[random.nextInt(numbers.length)];
            Instant answered = base.plusSeconds(random.nextInt(7 * 86_400));
            long seconds = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(1800);
            String callId = "call-" + i + "-" + UUID.randomUUID();
            BigDecimal quoted = new BigDecimal(quote(tenant, carrier, number, answered, seconds).getString("[0].cost.amount"));
            quotedByCall.put(callId, quoted);
            quotedTotal = quotedTotal.add(quoted);
            String e164 = io.waihu.billing.domain.rating.NumberNormalizer.normalize(number, "CN").e164();
            CallEnded call = seconds == 0
                    ? CallEnded.of(tenant, answered, callId, "camp-r", "attempt-" + i, "contact-1", e164, carrier, null,
                    CallDisposition.NO_ANSWER, answered.minusSeconds(30), answered.minusSeconds(28), null, answered, 0, false, null, null)
                    : ended(tenant, callId, carrier, e164, answered, seconds);
            KafkaProbe.publish(Topics.CALL_EVENTS, call, "dialer-service");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().header("Authorization", TestTokens.bearer(tenant, "admin"))
                .queryParam("carrierId", carrier).queryParam("size", 100).when().get("/api/v1/call-records")
                .then().extract().<Integer>path("totalItems") == 25);
        JsonPath stored = given().header("Authorization", TestTokens.bearer(tenant, "admin")).queryParam("carrierId", carrier)
                .queryParam("size", 100).when().get("/api/v1/call-records").then().extract().jsonPath();
        for (int i = 0; i < 25; i++) {
            String callId = stored.getString("items[" + i + "].callId");
            assertThat(new BigDecimal(stored.getString("items[" + i + "].cost")))
                    .as("stored cost of %s", callId).isEqualByComparingTo(quotedByCall.get(callId));
        }
        JsonPath statement = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("from", base.minusSeconds(60).toString()).queryParam("to", base.plusSeconds(8 * 86_400 + 3600).toString())
                .when().get("/api/v1/statements").then().statusCode(200).extract().jsonPath();
        assertThat(statement.getLong("calls")).isEqualTo(25);
        assertThat(new BigDecimal(statement.getString("totalByCurrency.CNY"))).isEqualByComparingTo(quotedTotal);
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("from", base.minusSeconds(60).toString()).queryParam("to", base.plusSeconds(8 * 86_400 + 3600).toString())
                .when().get("/api/v1/statements/csv").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv"))
                .body(org.hamcrest.Matchers.startsWith("carrierId,destinationClass,currency,calls,billableSeconds,billedSeconds,cost,carrierCode,carrierName"));
    }

    @Test
    void aCallNoTariffCoversIsPublishedAsUnrated() {
        String tenant = unique("t");
        String bare = BillingApi.carrier(tenant, "bare", 1);
        String callId = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, bare, "+8613800138000", Instant.now(), 30), "dialer-service");
        List<ConsumerRecord<String, String>> charges = KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS,
                r -> callId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(charges).hasSize(1);
        CallUnrated unrated = EventJson.read(charges.get(0).value(), CallUnrated.class);
        assertThat(unrated.reasonCode()).isEqualTo(UnratedReason.NO_TARIFF);
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).queryParam("carrierId", bare)
                .when().get("/api/v1/call-records").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].ratingStatus", equalTo("UNRATED"));
    }

    @Test
    void routesRankCarriersByTheCostOfATypicalCallThenByWeight() {
        String tenant = unique("t");
        String cheap = BillingApi.pricedCarrier(tenant, "cheap", 1, BillingApi.DECK_CSV.replace("0.10,60", "0.08,60"));
        String sameHeavy = BillingApi.pricedCarrier(tenant, "heavy", 9, BillingApi.DECK_CSV);
        String sameLight = BillingApi.pricedCarrier(tenant, "light", 2, BillingApi.DECK_CSV);
        JsonPath routes = given().header("Authorization", TestTokens.bearer(tenant, "integrator"))
                .queryParam("number", "+86 138 0013 8000").queryParam("durationSeconds", 60)
                .queryParam("at", nextMondayTenInShanghai().toString()) // peak
                .when().get("/api/v1/routes").then().statusCode(200).extract().jsonPath();
        assertThat(routes.getList("carrierId", String.class)).containsExactly(cheap, sameHeavy, sameLight);
        // 60 s at 0.08/min + 0.05 connect = 0.13; at 0.10/min = 0.15
        assertThat(new BigDecimal(routes.getString("[0].cost.amount"))).isEqualByComparingTo("0.13");
        assertThat(new BigDecimal(routes.getString("[1].cost.amount"))).isEqualByComparingTo("0.15");
    }
}
