package io.waihu.localstack;

import io.waihu.infra.Ports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

/** One real {@code ./waihu up} from the built tree, as a user starts it: its output is echoed and kept. */
final class WaihuProcess {

    static final Map<Integer, String> PORTS = Map.of(
            8081, "campaign-service", 8082, "dialer-service", 8083, "billing-service", 8084, "analytics-service",
            19092, "Kafka", 19093, "Kafka controller", 15432, "PostgreSQL");
    private static final Pattern READY = Pattern.compile("waihu: ready in ([0-9.]+) s");
    private static final String TABLE_END = "waihu: Ctrl-C stops everything";
    private static final Duration READY_WAIT = Duration.ofSeconds(240);

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    private WaihuProcess(Process process) {
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

    /** {@code ./waihu up --data-dir dataDir} with these extra environment variables, never building. */
    static WaihuProcess up(Path dataDir, Map<String, String> env) throws IOException {
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
        builder.environment().putAll(env);
        return new WaihuProcess(builder.start());
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

    /** After a failed test: nothing may keep the fixed ports. */
    void killIfAlive() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static void assertPortsFree(String when) {
        List<String> busy = PORTS.entrySet().stream().filter(e -> !Ports.isFree(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().collect(Collectors.toList());
        if (!busy.isEmpty()) {
            fail("ports in use " + when + ": " + String.join(", ", busy)
                    + ". This test runs the stack on its fixed ports: stop whatever holds them (another ./waihu up?) and run it again");
        }
    }

    static boolean sigintIgnored() {
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
}
