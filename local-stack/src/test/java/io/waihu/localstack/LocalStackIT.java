package io.waihu.localstack;

import io.waihu.infra.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real {@code ./waihu} from the built tree, twice on one data dir: the four services come up and
 * answer, Ctrl-C (SIGINT) stops everything with exit code 0 and frees the ports, and the data survives.
 * Needs the services packaged (the reactor does it before this module) and the fixed ports free.
 */
class LocalStackIT {

    private static final String CARRIER = "{\"code\":\"cm\",\"name\":\"China Mobile\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"CN\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WaihuProcess> launched = new ArrayList<>();

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void oneCommandStartsStopsAndResumesTheStack() throws Exception {
        Path script = Path.of("..", "waihu");
        assertTrue(Files.isRegularFile(script), "no ../waihu next to " + Path.of("").toAbsolutePath());
        for (String service : List.of("campaign-service", "dialer-service", "billing-service", "analytics-service")) {
            assertTrue(Files.isRegularFile(Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar")),
                    service + " is not packaged: run mvn -DskipTests install (or mvn verify) from the repo root first");
        }
        WaihuProcess.assertPortsFree("before the test");

        // first run: empty data dir
        WaihuProcess first = up();
        double firstSeconds = first.awaitReady();
        assertAllReady();
        String token = token();
        assertEquals(200, get("http://127.0.0.1:8083/api/v1/carriers", token).statusCode());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8083/api/v1/carriers"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CARRIER)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        first.interruptAndAwaitExit();
        WaihuProcess.assertPortsFree("after the first run stopped");

        // second run: same data dir, so the carrier is still there
        WaihuProcess second = up();
        double secondSeconds = second.awaitReady();
        assertAllReady();
        HttpResponse<String> list = get("http://127.0.0.1:8083/api/v1/carriers", token());
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().matches("(?s).*\"code\"\\s*:\\s*\"cm\".*"), "the carrier of the first run is gone: " + list.body());
        second.interruptAndAwaitExit();
        WaihuProcess.assertPortsFree("after the second run stopped");

        System.out.printf("local stack startup (./waihu up until all four services are ready): first run %.1f s, "
                + "second run on the same data %.1f s%n", firstSeconds, secondSeconds);
    }

    private WaihuProcess up() throws IOException {
        WaihuProcess run = WaihuProcess.up(dataDir, Map.of());
        launched.add(run);
        return run;
    }

    @AfterEach
    void killLeftovers() {
        launched.forEach(WaihuProcess::killIfAlive);
    }


    private String token() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "../waihu", "token", "--tenant", "acme", "--role", "admin",
                "--data-dir", dataDir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("WAIHU_SKIP_BUILD", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "./waihu token did not finish");
        assertEquals(0, process.exitValue(), "./waihu token failed: " + out);
        assertTrue(out.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "not a JWT: " + out);
        return out;
    }

    private void assertAllReady() throws Exception {
        for (int port = 8081; port <= 8084; port++) {
            HttpResponse<String> health = get("http://127.0.0.1:" + port + "/q/health/ready", null);
            assertEquals(200, health.statusCode(), WaihuProcess.PORTS.get(port) + ": " + health.body());
            assertTrue(health.body().matches("(?s)\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\".*"), WaihuProcess.PORTS.get(port) + ": " + health.body());
        }
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }


}
