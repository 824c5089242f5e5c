package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static io.waihu.billing.BillingApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Quotes answer for every carrier asked, and routes refuse a number nobody can read. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class QuoteResourceTest {

    private static JsonPath quote(String tenant, String carrierId) {
        Instant at = BillingApi.awayFromBandEdges(Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS));
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).contentType(ContentType.JSON)
                .body("{\"number\":\"0755 8888 1234\",\"startAt\":\"" + at + "\",\"durationSeconds\":120"
                        + (carrierId == null ? "" : ",\"carrierId\":\"" + carrierId + "\"") + "}")
                .when().post("/api/v1/quotes").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aQuoteOfAllCarriersNamesTheOnesThatCannotPriceTheCall() {
        String tenant = unique("t");
        String priced = BillingApi.pricedCarrier(tenant, "a-priced", 1, BillingApi.DECK_CSV);
        String bare = BillingApi.carrier(tenant, "b-bare", 1);
        String empty = BillingApi.carrier(tenant, "c-empty", 1);
        BillingApi.tariff(tenant, empty); // a tariff without any version

        JsonPath all = quote(tenant, null);
        assertThat(all.getList("carrierId", String.class)).containsExactly(priced, bare, empty);
        // 0755 8888 1234 is fixed-line Shenzhen, prefix 86 at 1/1 with 3 free seconds: 120 s = 2 min at 0.06 or 0.03
        assertThat(new BigDecimal(all.getString("[0].cost.amount"))).isIn(new BigDecimal("0.1200"), new BigDecimal("0.0600"));
        assertThat(all.getString("[0].breakdown.destinationPrefix")).isEqualTo("86");
        assertThat(all.getString("[1].unratedReason")).isEqualTo("NO_TARIFF");
        assertThat(all.getString("[1].cost")).isNull();
        assertThat(all.getString("[2].unratedReason")).isEqualTo("NO_TARIFF");

        JsonPath one = quote(tenant, bare);
        assertThat(one.getList("carrierId", String.class)).as("a carrier without a tariff is answered, not left out").containsExactly(bare);
        assertThat(one.getString("[0].unratedReason")).isEqualTo("NO_TARIFF");
        assertThat(one.getString("[0].unratedDetail")).contains("b-bare");

        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).contentType(ContentType.JSON)
                .body("{\"number\":\"13800138000\",\"startAt\":\"2026-11-23T02:00:00Z\",\"durationSeconds\":60,"
                        + "\"carrierId\":\"00000000-0000-0000-0000-000000000000\"}")
                .when().post("/api/v1/quotes").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void routesRefuseANumberNoTariffCanRead() {
        String tenant = unique("t");
        BillingApi.pricedCarrier(tenant, "reads", 1, BillingApi.DECK_CSV);
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).queryParam("number", "not a number")
                .when().get("/api/v1/routes").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("number:"));
        // a number read but not reached is an empty list, not an error
        String reached = given().header("Authorization", TestTokens.bearer(tenant, "integrator")).queryParam("number", "+14155550100")
                .when().get("/api/v1/routes").then().statusCode(200).extract().asString();
        assertThat(reached).isEqualTo("[]");
    }
}
