package io.waihu.localstack;

import io.waihu.events.Services;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the four services the local stack runs: its fixed port and its own database.
 *
 * @param name     the service's name, also its module directory and its Kafka consumer group
 * @param port     HTTP port
 * @param database the PostgreSQL database it owns
 */
public record ServiceDef(String name, int port, String database) {

    public static final List<ServiceDef> ALL = List.of(
            new ServiceDef(Services.CAMPAIGN, 8081, "campaign"),
            new ServiceDef(Services.DIALER, 8082, "dialer"),
            new ServiceDef(Services.BILLING, 8083, "billing"),
            new ServiceDef(Services.ANALYTICS, 8084, "analytics"));

    /** What {@code mvn package} of the service's module produces. */
    public Path runJar(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** The name without "-service", as {@code --services} accepts it. */
    public String shortName() {
        return name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
