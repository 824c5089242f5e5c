package io.waihu.billing;

import io.restassured.http.ContentType;
import io.waihu.testsupport.TestTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Sets up carriers and tariffs through the public API, as an integrator would. */
final class BillingApi {

    static final String BANDS = """
            [{"name":"peak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"08:00","to":"21:00"},
             {"name":"offpeak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"00:00","to":"08:00"},
             {"name":"offpeak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"21:00","to":"24:00"},
             {"name":"offpeak","days":["SATURDAY","SUNDAY","HOLIDAY"],"from":"00:00","to":"24:00"}]""";

    /** Mobile 138 at 60/6 (0.10/min peak, 0.05/min offpeak, connect 0.05); everything else 1/1 at 0.06/0.03. */
    static final String DECK_CSV = """
            prefix,destinationName,destinationClass,band,groupStartSeconds,rate,unitSeconds,incrementSeconds,connectFee,minimumBilledSeconds,freeSeconds,minimumCost,maximumCost,rounding,decimals
            86138,China Mobile 138,MOBILE,peak,0,0.10,60,60,0.05,,,,,HALF_UP,4
            86138,China Mobile 138,MOBILE,peak,60,0.10,60,6,0.05,,,,,HALF_UP,4
            86138,China Mobile 138,MOBILE,offpeak,0,0.05,60,60,0.05,,,,,HALF_UP,4
            86138,China Mobile 138,MOBILE,offpeak,60,0.05,60,6,0.05,,,,,HALF_UP,4
            86,"China, fixed lines",NATIONAL,peak,0,0.06,60,1,0,,3,,,HALF_UP,4
            86,"China, fixed lines",NATIONAL,offpeak,0,0.03,60,1,0,,3,,,HALF_UP,4
            """;

    private BillingApi() {
    }

    static String carrier(String tenant, String code, int weight) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"CN\",\"weight\":" + weight + "}")
                .when().post("/api/v1/carriers").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    static String tariff(String tenant, String carrierId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType(ContentType.JSON)
                .body("{\"carrierId\":\"" + carrierId + "\",\"name\":\"standard\",\"currency\":\"CNY\",\"zone\":\"Asia/Shanghai\","
                        + "\"defaultRegion\":\"CN\",\"bands\":" + BANDS + ",\"holidays\":[\"2026-10-01\"]}")
                .when().post("/api/v1/tariffs").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    static int uploadCsv(String tenant, String tariffId, String csv) {
        return given().header("Authorization", TestTokens.bearer(tenant, "integrator")).contentType("text/csv").body(csv)
                .when().post("/api/v1/tariffs/" + tariffId + "/versions").then().log().ifValidationFails().statusCode(201).extract().path("version");
    }

    /** A carrier with a tariff in force from now. */
    static String pricedCarrier(String tenant, String code, int weight, String csv) {
        String carrierId = carrier(tenant, code, weight);
        uploadCsv(tenant, tariff(tenant, carrierId), csv);
        return carrierId;
    }

    /**
     * {@code t}, or the minute after the next band edge (08:00 or 21:00 Shanghai) when one falls in the quarter hour
     * after {@code t}: calls answered then stay in one band, so their hand-computed costs hold whenever the test runs.
     */
    static java.time.Instant awayFromBandEdges(java.time.Instant t) {
        java.time.ZonedDateTime local = t.atZone(java.time.ZoneId.of("Asia/Shanghai"));
        for (int hour : new int[]{8, 21}) {
            java.time.ZonedDateTime edge = local.withHour(hour).withMinute(0).withSecond(0).withNano(0);
            if (!local.isAfter(edge) && local.plusMinutes(15).isAfter(edge)) {
                return edge.plusMinutes(1).toInstant();
            }
        }
        return t;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
