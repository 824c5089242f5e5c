package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.Topics;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waihu.billing.BillingApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A version's life: pending, announced when its instant comes (not before), in force, superseded, immutable; and what
 * the dialer relies on (per tariff it routes by the announced version that started last, until its validUntil).
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class TariffVersionLifecycleTest {

    private static int upload(String tenant, String role, String tariff, Instant effectiveFrom, boolean retroactive, int status) {
        var request = given().header("Authorization", TestTokens.bearer(tenant, role)).contentType("text/csv").body(BillingApi.DECK_CSV)
                .queryParam("effectiveFrom", effectiveFrom.toString());
        if (retroactive) {
            request = request.queryParam("retroactive", true);
        }
        var response = request.when().post("/api/v1/tariffs/" + tariff + "/versions").then().log().ifValidationFails().statusCode(status);
        return status == 201 ? response.extract().path("version") : -1;
    }

    private static JsonPath versions(String tenant, String tariff) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/tariffs/" + tariff + "/versions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<TariffPublished> announced(String carrier, int atLeast, Duration wait) {
        return KafkaProbe.awaitRecords(Topics.TARIFF_EVENTS, r -> carrier.equals(r.key()), atLeast, wait).stream()
                .map(r -> EventJson.read(r.value(), TariffPublished.class)).toList();
    }

    @Test
    void aFutureVersionIsAnnouncedWhenItsInstantComesAndNotBefore() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "later", 1);
        String tariff = BillingApi.tariff(tenant, carrier);
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        assertThat(announced(carrier, 1, Duration.ofSeconds(10))).extracting(TariffPublished::tariffVersion).containsExactly(1);

        Instant from = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        assertThat(upload(tenant, "integrator", tariff, from, false, 201)).isEqualTo(2);
        // before its instant: pending, not announced (the publisher looks every second)
        List<TariffPublished> early = announced(carrier, 2, Duration.ofSeconds(2));
        assertThat(Instant.now()).as("the check above ran before the instant").isBefore(from);
        assertThat(early).extracting(TariffPublished::tariffVersion).containsExactly(1);
        JsonPath pending = versions(tenant, tariff);
        assertThat(pending.getBoolean("items[1].inForce")).isFalse();
        assertThat(pending.getString("items[1].publishedAt")).isNull();
        assertThat(Instant.parse(pending.getString("items[0].supersededAt"))).isEqualTo(from);

        // once its instant has come: announced, from that instant, and once
        assertThat(announced(carrier, 2, Duration.ofSeconds(20))).extracting(TariffPublished::tariffVersion).containsExactly(1, 2);
        List<TariffPublished> all = announced(carrier, 3, Duration.ofSeconds(2));
        assertThat(all).extracting(TariffPublished::tariffVersion).containsExactly(1, 2);
        assertThat(all.get(1).validFrom()).isEqualTo(from);
        assertThat(all.get(1).validUntil()).isNull();
        JsonPath after = versions(tenant, tariff);
        assertThat(after.getBoolean("items[0].inForce")).as("v1 superseded").isFalse();
        assertThat(after.getBoolean("items[1].inForce")).isTrue();
        assertThat(after.getString("items[1].publishedAt")).isNotNull();
    }

    @Test
    void aVersionInForceCannotBeChangedWithdrawnOrShadowedAtItsInstant() {
        String tenant = unique("t");
        String tariff = BillingApi.tariff(tenant, BillingApi.carrier(tenant, "fixed", 1));
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        Instant v1From = Instant.parse(versions(tenant, tariff).getString("items[0].effectiveFrom"));
        String deck = given().header("Authorization", TestTokens.bearer(tenant, "admin"))
                .when().get("/api/v1/tariffs/" + tariff + "/versions/1/deck").then().statusCode(200).extract().asString();

        // no verb rewrites a version
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("text/csv").body(BillingApi.DECK_CSV.replace("0.10", "0.01"))
                .when().put("/api/v1/tariffs/" + tariff + "/versions/1").then().statusCode(405);
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("text/csv").body(BillingApi.DECK_CSV.replace("0.10", "0.01"))
                .when().post("/api/v1/tariffs/" + tariff + "/versions/1").then().statusCode(405);
        // a new deck at the same instant would replace it: refused
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("text/csv").body(BillingApi.DECK_CSV.replace("0.10", "0.01"))
                .queryParam("effectiveFrom", v1From.toString()).queryParam("retroactive", true)
                .when().post("/api/v1/tariffs/" + tariff + "/versions").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already has a version effective from"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().delete("/api/v1/tariffs/" + tariff + "/versions/1")
                .then().statusCode(409).contentType("application/problem+json");

        JsonPath after = versions(tenant, tariff);
        assertThat(after.getInt("totalItems")).isEqualTo(1);
        assertThat(after.getBoolean("items[0].inForce")).isTrue();
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/tariffs/" + tariff + "/versions/1/deck")
                .then().statusCode(200).body(equalTo(deck));
    }

    @Test
    void aNewVersionMayTakeEffectBeforeAPendingOneAndTakesItsPlaceByItsInstant() {
        String tenant = unique("t");
        String tariff = BillingApi.tariff(tenant, BillingApi.carrier(tenant, "order", 1));
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        Instant v1From = Instant.parse(versions(tenant, tariff).getString("items[0].effectiveFrom"));
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant inHalfAnHour = inAnHour.minus(Duration.ofMinutes(30));
        assertThat(upload(tenant, "integrator", tariff, inAnHour, false, 201)).isEqualTo(2);

        // v3 starts before the pending v2: it prices from its instant until v2's (billing and the dialer both take the
        // version that started last, whatever its number)
        assertThat(upload(tenant, "integrator", tariff, inHalfAnHour, false, 201)).isEqualTo(3);
        // an admin's correction of the past while v2 and v3 are pending: it covers the hour before v1
        assertThat(upload(tenant, "admin", tariff, v1From.minus(Duration.ofHours(1)), true, 201)).isEqualTo(4);

        JsonPath views = versions(tenant, tariff);
        assertThat(views.getInt("totalItems")).isEqualTo(4);
        assertThat(views.getList("items.version", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(views.getList("items.inForce", Boolean.class)).containsExactly(true, false, false, false);
        assertThat(Instant.parse(views.getString("items[0].supersededAt"))).isEqualTo(inHalfAnHour);
        assertThat(views.getString("items[1].supersededAt")).isNull();
        assertThat(Instant.parse(views.getString("items[2].supersededAt"))).isEqualTo(inAnHour);
        assertThat(Instant.parse(views.getString("items[3].supersededAt"))).isEqualTo(v1From);
    }

    @Test
    void withdrawingTheNextVersionAnnouncesTheVersionInForceAgainWithoutItsEnd() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "withdrawn", 1);
        String tariff = BillingApi.tariff(tenant, carrier);
        Instant v1From = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        Instant v2From = v1From.plus(Duration.ofHours(1));
        assertThat(upload(tenant, "integrator", tariff, v1From, false, 201)).isEqualTo(1);
        assertThat(upload(tenant, "integrator", tariff, v2From, false, 201)).isEqualTo(2);
        // v1 is announced at its instant, ending where v2 begins
        List<TariffPublished> first = announced(carrier, 1, Duration.ofSeconds(15));
        assertThat(first).extracting(TariffPublished::tariffVersion).containsExactly(1);
        assertThat(first.get(0).validUntil()).isEqualTo(v2From);

        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).when().delete("/api/v1/tariffs/" + tariff + "/versions/2")
                .then().statusCode(204);

        // without a new announcement the dialer would drop v1 at v2From, while billing goes on pricing with it
        List<TariffPublished> again = announced(carrier, 2, Duration.ofSeconds(10));
        assertThat(again).extracting(TariffPublished::tariffVersion).containsExactly(1, 1);
        assertThat(again.get(1).validUntil()).isNull();
    }

    @Test
    void aCorrectionAlreadySupersededIsNotAnnouncedSoTheDialerKeepsRoutingByTheVersionInForce() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "corrected", 1);
        String tariff = BillingApi.tariff(tenant, carrier);
        BillingApi.uploadCsv(tenant, tariff, BillingApi.DECK_CSV);
        Instant v1From = Instant.parse(versions(tenant, tariff).getString("items[0].effectiveFrom"));
        assertThat(announced(carrier, 1, Duration.ofSeconds(10))).extracting(TariffPublished::tariffVersion).containsExactly(1);

        // a correction of the hour before v1: it priced only the past, v1 supersedes it
        assertThat(upload(tenant, "admin", tariff, v1From.minus(Duration.ofHours(1)), true, 201)).isEqualTo(2);
        // a later version, so there is a sign the publisher went past the correction (it goes by effective instant)
        Instant v3From = Instant.now().plusSeconds(2);
        assertThat(upload(tenant, "integrator", tariff, v3From, false, 201)).isEqualTo(3);

        // the publisher goes by effective instant: had it announced v2 (validUntil already past), v2 would come before v3
        assertThat(announced(carrier, 2, Duration.ofSeconds(15))).extracting(TariffPublished::tariffVersion)
                .as("v2 is never announced").containsExactly(1, 3);
        assertThat(announced(carrier, 3, Duration.ofSeconds(2))).extracting(TariffPublished::tariffVersion).containsExactly(1, 3);
        JsonPath views = versions(tenant, tariff);
        assertThat(views.getInt("items[1].version")).isEqualTo(2);
        assertThat(views.getBoolean("items[1].inForce")).isFalse();
        assertThat(views.getString("items[1].publishedAt")).isNull();
        assertThat(Instant.parse(views.getString("items[1].supersededAt"))).isEqualTo(v1From);
    }

    private static void putCarrier(String tenant, String carrier, String name, int weight, boolean active) {
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("application/json")
                .body("{\"code\":\"reweighed\",\"name\":\"" + name + "\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"CN\",\"weight\":"
                        + weight + ",\"active\":" + active + "}")
                .when().put("/api/v1/carriers/" + carrier).then().statusCode(200);
    }

    @Test
    void aChangeOfTheCarriersNameWeightOrActiveFlagAnnouncesTheVersionInForceAgain() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "reweighed", 1);
        BillingApi.uploadCsv(tenant, BillingApi.tariff(tenant, carrier), BillingApi.DECK_CSV);
        assertThat(announced(carrier, 1, Duration.ofSeconds(10))).extracting(TariffPublished::weight).containsExactly(1);

        // a change the routing view does not carry (the country) announces nothing
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType("application/json")
                .body("{\"code\":\"reweighed\",\"name\":\"reweighed\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"HK\",\"weight\":1,\"active\":true}")
                .when().put("/api/v1/carriers/" + carrier).then().statusCode(200);
        putCarrier(tenant, carrier, "Reweighed", 7, true);
        List<TariffPublished> two = announced(carrier, 2, Duration.ofSeconds(10));
        assertThat(two).extracting(TariffPublished::tariffVersion).containsExactly(1, 1);
        assertThat(two.get(1).weight()).isEqualTo(7);
        assertThat(two.get(1).carrierName()).isEqualTo("Reweighed");
        assertThat(two.get(1).routes()).isNotEmpty();

        // set inactive: the dialer must stop routing to it, so the view reaches nothing
        putCarrier(tenant, carrier, "Reweighed", 7, false);
        List<TariffPublished> three = announced(carrier, 3, Duration.ofSeconds(10));
        assertThat(three).hasSize(3);
        assertThat(three.get(2).tariffVersion()).isEqualTo(1);
        assertThat(three.get(2).routes()).isEmpty();
        // and active again: its routes come back
        putCarrier(tenant, carrier, "Reweighed", 7, true);
        List<TariffPublished> four = announced(carrier, 4, Duration.ofSeconds(10));
        assertThat(four).hasSize(4);
        assertThat(four.get(3).routes()).hasSameSizeAs(two.get(1).routes());
        assertThat(announced(carrier, 5, Duration.ofSeconds(2))).as("each change announced once").hasSize(4);
    }

    @Inject
    Pool pool;

    @Test
    void aCarrierChangeInFlightWhenAVersionFallsDueIsWaitedForNotOvertaken() {
        String tenant = unique("t");
        String carrier = BillingApi.carrier(tenant, "renamed", 1);
        String tariff = BillingApi.tariff(tenant, carrier);
        upload(tenant, "integrator", tariff, Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS), false, 201);

        // a change of the carrier holds its row (as CarrierService's transaction does) while v1 falls due
        SqlConnection change = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction tx = change.begin().await().atMost(Duration.ofSeconds(10));
            change.preparedQuery("UPDATE carrier SET name = 'Renamed' WHERE id = $1").execute(Tuple.of(UUID.fromString(carrier)))
                    .await().atMost(Duration.ofSeconds(10));
            // the publisher waits for the change rather than announcing the name it is about to lose
            assertThat(announced(carrier, 1, Duration.ofSeconds(7))).isEmpty();
            tx.commit().await().atMost(Duration.ofSeconds(10));
        } finally {
            change.close().await().atMost(Duration.ofSeconds(10));
        }

        List<TariffPublished> views = announced(carrier, 1, Duration.ofSeconds(10));
        assertThat(views).extracting(TariffPublished::carrierName).containsExactly("Renamed");
    }

    @Test
    void aVersionThatCannotBeAnnouncedDoesNotHoldBackTheOthers() {
        String tenant = unique("t");
        String broken = BillingApi.carrier(tenant, "broken", 1);
        String brokenTariff = BillingApi.tariff(tenant, broken);
        String healthy = BillingApi.carrier(tenant, "healthy", 1);
        String healthyTariff = BillingApi.tariff(tenant, healthy);
        Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        upload(tenant, "integrator", brokenTariff, soon, false, 201);
        upload(tenant, "integrator", healthyTariff, soon.plusSeconds(1), false, 201);
        // the stored deck changed by hand so that it no longer compiles: the publisher cannot price its routing view
        String deck = pool.preparedQuery("SELECT deck_csv FROM tariff_version WHERE tariff_id = $1 AND version = 1")
                .execute(Tuple.of(UUID.fromString(brokenTariff))).map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(10));
        pool.preparedQuery("UPDATE tariff_version SET deck_csv = 'not a deck' WHERE tariff_id = $1 AND version = 1")
                .execute(Tuple.of(UUID.fromString(brokenTariff))).await().atMost(Duration.ofSeconds(10));

        // the healthy version, due a second after the broken one, is announced all the same
        assertThat(announced(healthy, 1, Duration.ofSeconds(15))).extracting(TariffPublished::tariffVersion).containsExactly(1);
        assertThat(announced(broken, 1, Duration.ofSeconds(1))).isEmpty();

        // mended, it is announced too
        pool.preparedQuery("UPDATE tariff_version SET deck_csv = $2 WHERE tariff_id = $1 AND version = 1")
                .execute(Tuple.of(UUID.fromString(brokenTariff), deck)).await().atMost(Duration.ofSeconds(10));
        assertThat(announced(broken, 1, Duration.ofSeconds(15))).extracting(TariffPublished::tariffVersion).containsExactly(1);
    }
}
