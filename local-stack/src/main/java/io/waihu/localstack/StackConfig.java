package io.waihu.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code up} will do, resolved from its options and the environment before anything starts.
 *
 * @param repoRoot         where the service modules are ({@code WAIHU_HOME}, else the working directory)
 * @param dataDir          absolute data directory
 * @param wipe             delete the data directory first
 * @param externalKafka    bootstrap servers of a broker to use instead of the embedded one
 * @param externalPostgres a server to use instead of the embedded one
 * @param readyTimeout     how long the services get to become ready
 * @param serviceJavaOpts  JVM options of each service process
 * @param services         the services to start ({@code --services}; all four unless it names some)
 */
public record StackConfig(Path repoRoot, Path dataDir, boolean wipe, Optional<String> externalKafka,
                          Optional<ExternalPostgres> externalPostgres, Duration readyTimeout,
                          List<String> serviceJavaOpts, List<ServiceDef> services) {

    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;
    public static final int POSTGRES_PORT = 15432;
    public static final String DEFAULT_DATA_DIR = ".waihu-data";
    static final List<String> DEFAULT_SERVICE_JAVA_OPTS = List.of("-Xmx768m", "-XX:+UseSerialGC");
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

    /** A PostgreSQL server the user runs; the launcher only creates the four databases in it. */
    public record ExternalPostgres(String host, int port, String user, String password) {
    }

    static StackConfig resolve(Args args, Map<String, String> env) {
        Path root = repoRoot(env);
        Path dataDir = dataDir(args, env);
        Optional<String> kafka = nonBlank(env.get("WAIHU_KAFKA_BOOTSTRAP_SERVERS"));
        Optional<ExternalPostgres> pg = nonBlank(env.get("WAIHU_PG_HOST")).map(host -> new ExternalPostgres(host,
                intEnv(env, "WAIHU_PG_PORT", 5432),
                nonBlank(env.get("WAIHU_PG_USER")).orElse("postgres"),
                env.getOrDefault("WAIHU_PG_PASSWORD", "")));
        Duration timeout = Duration.ofSeconds(intEnv(env, "WAIHU_READY_TIMEOUT_SECONDS",
                (int) DEFAULT_READY_TIMEOUT.toSeconds()));
        List<String> javaOpts = nonBlank(env.get("WAIHU_SERVICE_JAVA_OPTS"))
                .map(opts -> Arrays.asList(opts.trim().split("\\s+")))
                .orElse(DEFAULT_SERVICE_JAVA_OPTS);
        return new StackConfig(root, dataDir, args.flag("wipe"), kafka, pg, timeout, List.copyOf(javaOpts),
                services(args));
    }

    /** {@code --services billing,analytics} (short or module names, any order), in the stack's own order. */
    static List<ServiceDef> services(Args args) {
        Optional<String> named = args.value("services");
        if (named.isEmpty()) {
            return ServiceDef.ALL;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : named.get().split(",")) {
            String service = name.trim();
            if (service.isEmpty()) {
                continue;
            }
            ServiceDef def = ServiceDef.ALL.stream()
                    .filter(d -> d.name().equals(service) || d.name().equals(service + "-service"))
                    .findFirst()
                    .orElseThrow(() -> StackException.usage("unknown service '" + service + "' in --services (choose from "
                            + ServiceDef.ALL.stream().map(ServiceDef::shortName).collect(Collectors.joining(", ")) + ")"));
            wanted.add(def.name());
        }
        if (wanted.isEmpty()) {
            throw StackException.usage("--services needs at least one service (see ./waihu help)");
        }
        return ServiceDef.ALL.stream().filter(d -> wanted.contains(d.name())).toList();
    }

    static Path repoRoot(Map<String, String> env) {
        return nonBlank(env.get("WAIHU_HOME")).map(Path::of).orElse(Path.of(""))
                .toAbsolutePath().normalize();
    }

    /** {@code --data-dir} relative to the working directory, else {@code .waihu-data} under the repo root. */
    static Path dataDir(Args args, Map<String, String> env) {
        return args.value("data-dir").map(Path::of).orElse(repoRoot(env).resolve(DEFAULT_DATA_DIR))
                .toAbsolutePath().normalize();
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path keysDir() {
        return keysDir(dataDir);
    }

    static Path keysDir(Path dataDir) {
        return dataDir.resolve("keys");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path stackFile() {
        return dataDir.resolve("stack.json");
    }

    public String postgresHost() {
        return externalPostgres.map(ExternalPostgres::host).orElse("127.0.0.1");
    }

    public int postgresPort() {
        return externalPostgres.map(ExternalPostgres::port).orElse(POSTGRES_PORT);
    }

    public String postgresUser() {
        return externalPostgres.map(ExternalPostgres::user).orElse("postgres");
    }

    /** The embedded server trusts loopback connections, so any password works there. */
    public String postgresPassword() {
        return externalPostgres.map(ExternalPostgres::password).orElse("postgres");
    }

    /** The form the services read from {@code WAIHU_DB_URL}: no {@code jdbc:} prefix. */
    public String databaseUrl(String database) {
        return "postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        Optional<String> raw = nonBlank(env.get(name));
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw StackException.usage(name + " must be a positive whole number, not '" + raw.get() + "'");
        }
    }
}
