package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waihu.events.Topics;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waihu.billing.BillingApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Rated calls listed by every filter the issue names (campaign, carrier, period, class) and by rating status; the
 * statement names its carriers and counts the period's unrated calls instead of leaving them out silently.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class StatementAndCallRecordsTest {

    /** A Monday 10:00 in Shanghai, a week ahead: peak, away from band edges, after the versions' start. */
    private static final Instant MONDAY_TEN = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
            .with(TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)).withHour(10).withMinute(0).withSecond(0).withNano(0).toInstant();

    private static CallEnded call(String tenant, String callId, String campaign, String carrier, String number, Instant answered, long seconds) {
        return CallEnded.of(tenant, answered.plusSeconds(seconds), callId, campaign, "att-" + callId, "ct-1", number, carrier, null,
                CallDisposition.ANSWERED_HUMAN, answered.minusSeconds(7), answered.minusSeconds(5), answered, answered.plusSeconds(seconds),
                seconds, false, null, "Asia/Shanghai");
    }

    private static JsonPath records(String tenant, String... query) {
        var request = given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).queryParam("size", 100);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get("/api/v1/call-records").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void callRecordsFilterByCampaignCarrierClassPeriodAndStatusAndTheStatementCountsTheUnrated() {
        String tenant = unique("t");
        String carrier = given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"cm-east\",\"name\":\"China Mobile, East\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"CN\",\"weight\":1}")
                .when().post("/api/v1/carriers").then().statusCode(201).extract().path("id");
        BillingApi.uploadCsv(tenant, BillingApi.tariff(tenant, carrier), BillingApi.DECK_CSV);
        String bare = BillingApi.carrier(tenant, "bare", 1);

        String mobile = "m-" + UUID.randomUUID();
        String fixed = "f-" + UUID.randomUUID();
        String later = "l-" + UUID.randomUUID();
        String unrated = "u-" + UUID.randomUUID();
        // peak: mobile 138 at 60/6, 0.10/min + 0.05 connect; 60 s = 0.15. Fixed lines 1/1 at 0.06/min, 3 free s; 120 s = 0.12
        KafkaProbe.publish(Topics.CALL_EVENTS, call(tenant, mobile, "camp-a", carrier, "+8613800138000", MONDAY_TEN, 60), "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, call(tenant, fixed, "camp-b", carrier, "+8675588881234", MONDAY_TEN.plusSeconds(600), 120), "dialer-service");
        // a day later (Tuesday 10:00, also peak): outside the period asked below
        KafkaProbe.publish(Topics.CALL_EVENTS, call(tenant, later, "camp-a", carrier, "+8613800138000", MONDAY_TEN.plus(Duration.ofDays(1)), 60), "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, call(tenant, unrated, "camp-a", bare, "+8613800138000", MONDAY_TEN.plusSeconds(1200), 30), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> records(tenant).getInt("totalItems") == 4);

        assertThat(records(tenant, "campaignId", "camp-b").getList("items.callId", String.class)).containsExactly(fixed);
        assertThat(records(tenant, "carrierId", bare).getList("items.callId", String.class)).containsExactly(unrated);
        assertThat(records(tenant, "destinationClass", "NATIONAL").getList("items.callId", String.class)).containsExactly(fixed);
        Instant from = MONDAY_TEN.minusSeconds(3600);
        Instant to = MONDAY_TEN.plus(Duration.ofHours(12));
        assertThat(records(tenant, "from", from.toString(), "to", to.toString()).getList("items.callId", String.class))
                .containsExactly(unrated, fixed, mobile); // newest first
        assertThat(records(tenant, "campaignId", "camp-a", "destinationClass", "MOBILE", "from", from.toString(), "to", to.toString())
                .getList("items.callId", String.class)).containsExactly(mobile);
        JsonPath onlyUnrated = records(tenant, "ratingStatus", "UNRATED");
        assertThat(onlyUnrated.getList("items.callId", String.class)).containsExactly(unrated);
        assertThat(onlyUnrated.getString("items[0].unratedReason")).isEqualTo("NO_TARIFF");
        assertThat(records(tenant, "ratingStatus", "RATED").getInt("totalItems")).isEqualTo(3);
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).queryParam("from", to.toString()).queryParam("to", from.toString())
                .when().get("/api/v1/call-records").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("to: must be after from"));

        JsonPath statement = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/v1/statements").then().statusCode(200).extract().jsonPath();
        assertThat(statement.getLong("calls")).isEqualTo(2);
        assertThat(statement.getString("totalByCurrency.CNY")).isEqualTo("0.2700"); // 0.15 + 0.12
        assertThat(statement.getLong("unratedCalls")).isEqualTo(1);
        assertThat(statement.getLong("unratedByReason.NO_TARIFF")).isEqualTo(1);
        assertThat(statement.getList("lines.carrierName", String.class)).containsOnly("China Mobile, East");
        assertThat(statement.getList("lines.carrierCode", String.class)).containsOnly("cm-east");
        assertThat(statement.getList("lines.destinationClass", String.class)).containsExactly("MOBILE", "NATIONAL");

        String csv = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/v1/statements/csv").then().statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).containsExactly(
                "carrierId,destinationClass,currency,calls,billableSeconds,billedSeconds,cost,carrierCode,carrierName",
                carrier + ",MOBILE,CNY,1,60,60,0.1500,cm-east,\"China Mobile, East\"",
                carrier + ",NATIONAL,CNY,1,120,120,0.1200,cm-east,\"China Mobile, East\"");
    }
}
