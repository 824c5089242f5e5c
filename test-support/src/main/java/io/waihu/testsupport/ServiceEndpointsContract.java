package io.waihu.testsupport;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service must show on its operational endpoints. A service's test extends it, annotated with
 * {@code @QuarkusTest} and {@code @WithTestResource(RealInfrastructureResource.class)}.
 */
public abstract class ServiceEndpointsContract {

    /** An /api path of the service that needs a token. */
    protected abstract String protectedPath();

    @Test
    void livenessIsUp() {
        RestAssured.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        Response response = RestAssured.given().when().get("/q/health/ready");
        response.then().statusCode(200).body("status", equalTo("UP"));
        List<String> checks = response.jsonPath().getList("checks.name");
        String names = String.join(" | ", checks).toLowerCase(Locale.ROOT);
        assertTrue(names.contains("kafka"), "readiness has a Kafka check: " + checks);
        assertTrue(names.contains("postgresql") || names.contains("database"), "readiness has a database check: " + checks);
    }

    @Test
    void prometheusMetricsAreServed() {
        RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiAndSwaggerUiAreServedWithoutToken() {
        RestAssured.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString(protectedPath().replaceAll("/\\{.*", "")))
                .body(containsString("application/problem+json"));
        RestAssured.given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void apiWithoutTokenIs401ProblemJson() {
        RestAssured.given().when().get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void apiWithTokenOfAnotherIssuerIs401() {
        RestAssured.given().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .when().get(protectedPath()).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenWithoutTenantIs403() {
        RestAssured.given().header("Authorization", "Bearer " + TestTokens.withoutTenant("admin", "supervisor", "integrator"))
                .when().get(protectedPath()).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void unknownPathIs404ProblemWithoutInternals() {
        RestAssured.given().header("Authorization", TestTokens.bearer("tenant-x", "admin"))
                .when().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }
}
