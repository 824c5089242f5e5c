package io.waihu.campaign;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.waihu.testsupport.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** REST helpers for campaign tests. */
final class CampaignApi {

    private CampaignApi() {
    }

    static Map<String, Object> settings(String name, List<String> lists, String rulePack) {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("name", name);
        s.put("dialMode", "PROGRESSIVE");
        s.put("callerId", "+14155550100");
        s.put("listIds", lists);
        s.put("rulePack", rulePack);
        // every minute of every day, so tests do not depend on the time of day they run at
        s.put("callingWindows", java.util.Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> Map.of("day", d.name(), "start", "00:00", "end", "24:00")).toList());
        return s;
    }

    static ValidatableResponse post(String tenant, String path, Object body) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body(body).when().post(path).then();
    }

    static ValidatableResponse put(String tenant, String path, Object body) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body(body).when().put(path).then();
    }

    static ValidatableResponse get(String tenant, String path) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get(path).then();
    }

    static String create(String tenant, Map<String, Object> settings) {
        return post(tenant, "/api/v1/campaigns", settings).statusCode(201).extract().path("id");
    }

    static ValidatableResponse act(String tenant, String id, String action) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/campaigns/" + id + "/" + action).then();
    }
}
