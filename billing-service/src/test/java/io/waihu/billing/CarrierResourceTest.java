package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Carriers are the first real resource: auth, roles, tenant isolation, validation and paging on it. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CarrierResourceTest {

    private static String carrierJson(String code, String name) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"CN\",\"weight\":5}";
    }

    private static String create(String tenant, String code) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body(carrierJson(code, "Carrier " + code))
                .when().post("/api/v1/carriers")
                .then().statusCode(201).header("Location", containsString("/api/v1/carriers/"))
                .extract().path("id");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReadUpdateDeleteWithinOneTenant() {
        String tenant = unique("t");
        String id = create(tenant, "china-mobile");
        String token = TestTokens.bearer(tenant, "admin");
        given().header("Authorization", token).when().get("/api/v1/carriers/" + id)
                .then().statusCode(200).body("code", equalTo("china-mobile")).body("weight", equalTo(5)).body("version", equalTo(0));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"code\":\"china-mobile\",\"name\":\"China Mobile\",\"kind\":\"MOBILE_NETWORK\",\"weight\":7,\"active\":false}")
                .when().put("/api/v1/carriers/" + id)
                .then().statusCode(200).body("name", equalTo("China Mobile")).body("active", equalTo(false)).body("version", equalTo(1));
        given().header("Authorization", token).when().delete("/api/v1/carriers/" + id).then().statusCode(204);
        given().header("Authorization", token).when().get("/api/v1/carriers/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void duplicateCodeIs409AndKeepsTheFirst() {
        String tenant = unique("t");
        String id = create(tenant, "unicom");
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body(carrierJson("unicom", "Another"))
                .when().post("/api/v1/carriers")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("unicom"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/carriers/" + id)
                .then().statusCode(200).body("name", equalTo("Carrier unicom"));
    }

    @Test
    void tenantsCannotSeeOrChangeEachOthersCarriers() {
        String tenantA = unique("a");
        String tenantB = unique("b");
        String id = create(tenantA, "telecom");
        String tokenB = TestTokens.bearer(tenantB, "admin");
        given().header("Authorization", tokenB).when().get("/api/v1/carriers/" + id).then().statusCode(404);
        given().header("Authorization", tokenB).contentType(ContentType.JSON).body(carrierJson("telecom", "Hijacked"))
                .when().put("/api/v1/carriers/" + id).then().statusCode(404);
        given().header("Authorization", tokenB).when().delete("/api/v1/carriers/" + id).then().statusCode(404);
        given().header("Authorization", tokenB).when().get("/api/v1/carriers")
                .then().statusCode(200).body("totalItems", equalTo(0)).body("items.id", not(hasItem(id)));
        // B may use the same code in its own tenant
        create(tenantB, "telecom");
        given().header("Authorization", TestTokens.bearer(tenantA, "supervisor")).when().get("/api/v1/carriers/" + id)
                .then().statusCode(200).body("name", equalTo("Carrier telecom"));
    }

    @Test
    void rolesAreEnforced() {
        String tenant = unique("t");
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).when().get("/api/v1/carriers")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).contentType(ContentType.JSON)
                .body(carrierJson("x", "X")).when().post("/api/v1/carriers")
                .then().statusCode(403);
        String id = create(tenant, "voip");
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).when().delete("/api/v1/carriers/" + id)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/carriers")
                .then().statusCode(200).body("totalItems", equalTo(1));
    }

    @Test
    void listsArePaged() {
        String tenant = unique("t");
        for (int i = 0; i < 5; i++) {
            create(tenant, "c" + i);
        }
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).queryParam("page", 1).queryParam("size", 2)
                .when().get("/api/v1/carriers")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("page", equalTo(1))
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3)).body("items[0].code", equalTo("c2"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).queryParam("size", 501)
                .when().get("/api/v1/carriers")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("size"));
    }

    @Test
    void malformedJsonIs400NamingTheBody() {
        given().header("Authorization", TestTokens.bearer(unique("t"), "admin")).contentType(ContentType.JSON)
                .body("{\"code\": \"x\", ").when().post("/api/v1/carriers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", notNullValue())
                .body(not(containsString("Exception"))).body(not(containsString("com.fasterxml")));
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        given().header("Authorization", TestTokens.bearer(unique("t"), "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"x\",\"name\":\"X\",\"kind\":\"MOBILE_NETWORK\",\"weight\":\"heavy\"}")
                .when().post("/api/v1/carriers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("weight"))
                .body(not(containsString("Exception"))).body(not(containsString("java.")));
        given().header("Authorization", TestTokens.bearer(unique("t"), "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"x\",\"name\":\"X\",\"kind\":\"SATELLITE\"}")
                .when().post("/api/v1/carriers")
                .then().statusCode(400).body("violations[0].field", equalTo("kind"))
                .body("detail", containsString("MOBILE_NETWORK"));
    }

    @Test
    void missingRequiredFieldIs400NamingTheFieldAndStoresNothing() {
        String tenant = unique("t");
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"x\",\"kind\":\"MOBILE_NETWORK\"}")
                .when().post("/api/v1/carriers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("name"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).contentType(ContentType.JSON)
                .when().post("/api/v1/carriers")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/carriers")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void badPathParameterIs4xxProblem() {
        given().header("Authorization", TestTokens.bearer(unique("t"), "admin")).when().get("/api/v1/carriers/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }
}
