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

    private static final Pattern READY = Pattern.compile("waihu: ready in ([0-9.]+) s");
    private static final String TABLE_END = "waihu: Ctrl-C stops everything";
    private static final Duration READY_WAIT = Duration.ofSeconds(240);
    private static final Map<Integer, String> PORTS = Map.of(
            8081, "campaign-service", 8082, "dialer-service", 8083, "billing-service", 8084, "analytics-service",
            19092, "Kafka", 19093, "Kafka controller", 15432, "PostgreSQL");
    private static final String CARRIER = "{\"code\":\"cm\",\"name\":\"China Mobile\",\"kind\":\"MOBILE_NETWORK\",\"country\":\"CN\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Launched> launched = new ArrayList<>();

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
        assertPortsFree("before the test");

        // first run: empty data dir
        Launched first = up();
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
        assertPortsFree("after the first run stopped");

        // second run: same data dir, so the carrier is still there
        Launched second = up();
        double secondSeconds = second.awaitReady();
        assertAllReady();
        HttpResponse<String> list = get("http://127.0.0.1:8083/api/v1/carriers", token());
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().matches("(?s).*\"code\"\\s*:\\s*\"cm\".*"), "the carrier of the first run is gone: " + list.body());
        second.interruptAndAwaitExit();
        assertPortsFree("after the second run stopped");

        System.out.printf("local stack startup (./waihu up until all four services are ready): first run %.1f s, "
                + "second run on the same data %.1f s%n", firstSeconds, secondSeconds);
    }

    @AfterEach
    void killLeftovers() {
        for (Launched run : launched) {
            if (run.process.isAlive()) {
                run.process.descendants().forEach(ProcessHandle::destroyForcibly);
                run.process.destroyForcibly();
            }
        }
    }

    private Launched up() throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnored()) {
            // A JVM started with SIGINT ignored (a background job of a non-interactive shell) never sees it, and
            // bash cannot undo that; perl restores the default and execs, so the launcher keeps this pid.
            System.out.println("SIGINT is ignored in this test JVM; restoring it for the launcher with perl");
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        }
        command.addAll(List.of("bash", "../waihu", "up", "--data-dir", dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("WAIHU_SKIP_BUILD", "1");
        Launched run = new Launched(builder.start());
        launched.add(run);
        return run;
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
            assertEquals(200, health.statusCode(), PORTS.get(port) + ": " + health.body());
            assertTrue(health.body().matches("(?s)\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\".*"), PORTS.get(port) + ": " + health.body());
        }
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertPortsFree(String when) {
        List<String> busy = PORTS.entrySet().stream().filter(e -> !Ports.isFree(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().collect(Collectors.toList());
        if (!busy.isEmpty()) {
            fail("ports in use " + when + ": " + String.join(", ", busy)
                    + ". This test runs the stack on its fixed ports: stop whatever holds them (another ./waihu up?) and run it again");
        }
    }

    private static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: assume the default
        }
        return false;
    }

    /** One {@code ./waihu up}: its output is echoed to the test log and kept for the assertions. */
    private static final class Launched {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Launched(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                        System.out.println("[./waihu up, pid " + process.pid() + "] " + line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "waihu-up-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** @return the startup seconds the launcher reported */
        double awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + READY_WAIT.toNanos();
            Double seconds = null;
            while (System.nanoTime() < deadline) {
                for (String line : lines) {
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        seconds = Double.parseDouble(ready.group(1));
                    }
                }
                if (seconds != null && lines.stream().anyMatch(line -> line.startsWith(TABLE_END))) {
                    return seconds;
                }
                if (!process.isAlive()) {
                    Thread.sleep(500); // let the reader catch the last lines
                    fail("./waihu up exited with code " + process.exitValue() + " before it was ready:\n" + String.join("\n", lines));
                }
                Thread.sleep(250);
            }
            fail("./waihu up printed no ready table within " + READY_WAIT.toSeconds() + " s:\n" + String.join("\n", lines));
            return -1;
        }

        /** Ctrl-C as a terminal sends it: SIGINT to the launcher, which exec'd from bash and kept its pid. */
        void interruptAndAwaitExit() throws Exception {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT failed");
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            assertTrue(exited, "./waihu up still runs 60 s after SIGINT:\n" + String.join("\n", lines));
            assertEquals(0, process.exitValue(), "exit code after SIGINT:\n" + String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("waihu: stopped;")), String.join("\n", lines));
        }
    }
}
