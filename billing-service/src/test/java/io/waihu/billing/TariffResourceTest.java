package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static io.waihu.billing.BillingApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class TariffResourceTest {

    @Test
    void aCsvDeckBecomesVersionOneAndCanBeDownloadedAgain() {
        String tenant = unique("t");
        String tariff = BillingApi.tariff(tenant, BillingApi.carrier(tenant, "cm", 1));
        int version = BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        org.junit.jupiter.api.Assertions.assertEquals(1, version);
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/tariffs/" + tariff + "/versions")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].destinationCount", equalTo(2))
                .body("items[0].rowCount", equalTo(6)).body("items[0].inForce", equalTo(true));
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/tariffs/" + tariff + "/versions/1/deck")
                .then().statusCode(200).body(containsString("86138,China Mobile 138,MOBILE,peak,60,0.10,60,6"))
                .body(containsString("\"China, fixed lines\""));
    }

    @Test
    void aVersionInForceIsAnnouncedOnceWithItsRoutingView() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "announced", 4);
        String tariff = BillingApi.tariff(tenant, carrier);
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        var published = io.waihu.testsupport.KafkaProbe.awaitRecords(io.waihu.events.Topics.TARIFF_EVENTS,
                r -> carrier.equals(r.key()), 2, java.time.Duration.ofSeconds(6));
        org.assertj.core.api.Assertions.assertThat(published).hasSize(1);
        var event = io.waihu.events.wire.EventJson.read(published.get(0).value(), io.waihu.events.billing.TariffPublished.class);
        org.assertj.core.api.Assertions.assertThat(event.tariffVersion()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(event.weight()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThat(event.typicalCallSeconds()).isEqualTo(60);
        // a 60 s call to 138: peak 0.10 + 0.05 connect = 0.15 (offpeak 0.10); the higher is announced
        org.assertj.core.api.Assertions.assertThat(event.routes()).anySatisfy(route -> {
            org.assertj.core.api.Assertions.assertThat(route.prefix()).isEqualTo("86138");
            org.assertj.core.api.Assertions.assertThat(route.typicalCallCost().amount()).isEqualByComparingTo("0.15");
        });
        // fixed lines: 60 s per second at 0.06/min peak = 0.06
        org.assertj.core.api.Assertions.assertThat(event.routes()).anySatisfy(route -> {
            org.assertj.core.api.Assertions.assertThat(route.prefix()).isEqualTo("86");
            org.assertj.core.api.Assertions.assertThat(route.typicalCallCost().amount()).isEqualByComparingTo("0.06");
        });
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/tariffs/" + tariff + "/versions")
                .then().body("items[0].publishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anInvalidDeckIsRefusedRowByRowAndNothingIsStored() {
        String tenant = unique("t");
        String tariff = BillingApi.tariff(tenant, BillingApi.carrier(tenant, "cu", 1));
        String bad = """
                prefix,destinationName,destinationClass,band,groupStartSeconds,rate,unitSeconds,incrementSeconds,connectFee
                86130,Unicom 130,MOBILE,peak,0,0.10,60,60,0
                86131,Unicom 131,MOBIL,peak,0,0.10,60,60,0
                86132,Unicom 132,MOBILE,night,0,abc,60,60,0
                86133,Unicom 133,MOBILE,peak,0,0.10,60,0,0
                86134,Unicom 134,MOBILE,peak,0,0.10,60,60,0
                86134,Unicom 134,MOBILE,peak,30,0.10,60,6,0
                """;
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType("text/csv").body(bad)
                .when().post("/api/v1/tariffs/" + tariff + "/versions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.find { it.line == 3 }.column", equalTo("destinationClass"))
                .body("errors.findAll { it.line == 4 }.column", hasItem("band"))
                .body("errors.findAll { it.line == 4 }.column", hasItem("rate"))
                .body("errors.find { it.line == 5 }.column", equalTo("incrementSeconds"))
                .body("errors.find { it.line == 7 }.reason", containsString("whole number of the previous group's 60 s increments"));
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).when().get("/api/v1/tariffs/" + tariff + "/versions")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void aJsonDeckTakesNumbersAndAFutureVersionCanBeWithdrawnButNotOneInForce() {
        String tenant = unique("t");
        String tariff = BillingApi.tariff(tenant, BillingApi.carrier(tenant, "ct", 1));
        String future = Instant.now().plusSeconds(3600).toString();
        String deck = "{\"effectiveFrom\":\"" + future + "\",\"rates\":["
                + "{\"prefix\":\"+86\",\"destinationName\":\"China\",\"destinationClass\":\"NATIONAL\",\"band\":\"peak\",\"groupStartSeconds\":0,"
                + "\"rate\":0.0600,\"unitSeconds\":60,\"incrementSeconds\":1},"
                + "{\"prefix\":\"*\",\"destinationName\":\"World\",\"destinationClass\":\"INTERNATIONAL\",\"band\":\"peak\",\"groupStartSeconds\":0,"
                + "\"rate\":\"1.2\",\"unitSeconds\":60,\"incrementSeconds\":60}]}";
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType(ContentType.JSON).body(deck)
                .when().post("/api/v1/tariffs/" + tariff + "/versions")
                .then().statusCode(201).body("version", equalTo(1)).body("inForce", equalTo(false));
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).when().delete("/api/v1/tariffs/" + tariff + "/versions/1")
                .then().statusCode(204);
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).when().delete("/api/v1/tariffs/" + tariff + "/versions/1")
                .then().statusCode(409).body("detail", containsString("immutable"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().delete("/api/v1/tariffs/" + tariff)
                .then().statusCode(409);
    }

    @Test
    void aVersionCannotTakeEffectInThePast() {
        String tenant = unique("t");
        String tariff = BillingApi.tariff(tenant, BillingApi.carrier(tenant, "cp", 1));
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType("text/csv").body(BillingApi.DECK_CSV)
                .queryParam("effectiveFrom", "2026-01-01T00:00:00Z")
                .when().post("/api/v1/tariffs/" + tariff + "/versions")
                .then().statusCode(400).body("detail", containsString("effectiveFrom"));
    }

    @Test
    void bandsWithGapsOrOverlapsAreRefused() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "cg", 1);
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"carrierId\":\"" + carrier + "\",\"name\":\"gappy\",\"currency\":\"CNY\",\"zone\":\"Asia/Shanghai\",\"defaultRegion\":\"CN\","
                        + "\"bands\":[{\"name\":\"day\",\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],"
                        + "\"from\":\"08:00\",\"to\":\"20:00\"},{\"name\":\"night\",\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\","
                        + "\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],\"from\":\"19:00\",\"to\":\"24:00\"}]}")
                .when().post("/api/v1/tariffs")
                .then().statusCode(400)
                .body("detail", containsString("MONDAY: no band from 00:00 to 08:00"))
                .body("detail", containsString("MONDAY: bands day and night overlap from 19:00 to 20:00"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"carrierId\":\"" + carrier + "\",\"name\":\"x\",\"currency\":\"CNY\",\"zone\":\"Mars/Olympus\",\"defaultRegion\":\"CN\","
                        + "\"bands\":" + BillingApi.BANDS + "}")
                .when().post("/api/v1/tariffs").then().statusCode(400).body("detail", containsString("zone"));
    }
}
