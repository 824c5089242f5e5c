package io.waihu.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service running as a child JVM, its output in {@code <data>/logs/<service>.log}. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceDef service;
    private final Process process;
    private final Path log;
    private final long startedNanos;
    private volatile double readySeconds = -1;

    private ServiceProcess(ServiceDef service, Process process, Path log, long startedNanos) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static ServiceProcess start(ServiceDef service, Path jar, List<String> javaOpts, Map<String, String> env,
                                Path logsDir) throws IOException {
        Path log = logsDir.resolve(service.name() + ".log");
        // keep the previous run's log: after a crash it is the one worth reading
        if (Files.exists(log)) {
            Files.move(log, logsDir.resolve(service.name() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        return new ServiceProcess(service, builder.start(), log, System.nanoTime());
    }

    ServiceDef service() {
        return service;
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Seconds from launch to the first 200 from the readiness check, or -1 before that. */
    double readySeconds() {
        return readySeconds;
    }

    /** One readiness check: true once GET /q/health/ready answers 200. */
    boolean checkReady() {
        if (readySeconds >= 0) {
            return true;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                readySeconds = (System.nanoTime() - startedNanos) / 1e9;
                return true;
            }
        } catch (IOException e) {
            // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The last lines of the log, for a message that saves opening the file. */
    List<String> tail(int lines) {
        return tail(log, lines);
    }

    static List<String> tail(Path file, int lines) {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            // only the end of the file: a service that loops on an error can write megabytes
            long size = channel.size();
            int length = (int) Math.min(size, 64 * 1024);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
            channel.read(buffer, size - length);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> all = text.lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
