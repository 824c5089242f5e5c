package io.waihu.localstack;

import io.waihu.events.Services;
import io.waihu.events.TopicSpec;
import io.waihu.events.Topics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherOptionsTest {

    private static final Set<String> UP_VALUES = Set.of("data-dir", "services");
    private static final Set<String> UP_FLAGS = Set.of("wipe");

    @Test
    void upDefaultsToTheDataDirUnderTheRepoRootAndEmbeddedServers() {
        Args args = Args.parse("up", List.of(), UP_VALUES, UP_FLAGS);
        StackConfig config = StackConfig.resolve(args, Map.of("WAIHU_HOME", "/opt/waihu"));

        assertEquals(Path.of("/opt/waihu/.waihu-data"), config.dataDir());
        assertFalse(config.wipe());
        assertTrue(config.externalKafka().isEmpty());
        assertTrue(config.externalPostgres().isEmpty());
        assertEquals(Duration.ofSeconds(180), config.readyTimeout());
        assertEquals(List.of("-Xmx768m", "-XX:+UseSerialGC"), config.serviceJavaOpts());
        assertEquals("postgresql://127.0.0.1:15432/billing", config.databaseUrl("billing"));
    }

    @Test
    void dataDirAndWipeInBothSpellings() {
        StackConfig spaced = StackConfig.resolve(Args.parse("up", List.of("--wipe", "--data-dir", "/srv/d"), UP_VALUES, UP_FLAGS), Map.of());
        StackConfig joined = StackConfig.resolve(Args.parse("up", List.of("--data-dir=/srv/d"), UP_VALUES, UP_FLAGS), Map.of());

        assertEquals(Path.of("/srv/d"), spaced.dataDir());
        assertTrue(spaced.wipe());
        assertEquals(Path.of("/srv/d"), joined.dataDir());
        assertFalse(joined.wipe());
    }

    @Test
    void externalKafkaAndPostgresComeFromTheEnvironment() {
        StackConfig config = StackConfig.resolve(Args.parse("up", List.of(), UP_VALUES, UP_FLAGS), Map.of(
                "WAIHU_KAFKA_BOOTSTRAP_SERVERS", "kafka.local:9092",
                "WAIHU_PG_HOST", "db.local", "WAIHU_PG_USER", "waihu", "WAIHU_PG_PASSWORD", "secret"));

        assertEquals("kafka.local:9092", config.externalKafka().orElseThrow());
        assertEquals(new StackConfig.ExternalPostgres("db.local", 5432, "waihu", "secret"), config.externalPostgres().orElseThrow());
        assertEquals("postgresql://db.local:5432/dialer", config.databaseUrl("dialer"));
        // the embedded servers' ports are not needed then
        assertEquals(Set.of(8081, 8082, 8083, 8084), Preflight.portsToBind(config).keySet());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertUsage(() -> Args.parse("up", List.of("--verbose"), UP_VALUES, UP_FLAGS), "unknown option --verbose for 'up' (see ./waihu help)");
        assertUsage(() -> Args.parse("up", List.of("--data-dir"), UP_VALUES, UP_FLAGS), "--data-dir needs a value (see ./waihu help)");
        assertUsage(() -> Args.parse("up", List.of("now"), UP_VALUES, UP_FLAGS), "unexpected argument 'now' for 'up' (see ./waihu help)");
        assertUsage(() -> StackConfig.resolve(Args.parse("up", List.of(), UP_VALUES, UP_FLAGS), Map.of("WAIHU_PG_HOST", "h", "WAIHU_PG_PORT", "x")),
                "WAIHU_PG_PORT must be a positive whole number, not 'x'");
        assertUsage(() -> LocalStack.run(List.of("down"), Map.of()), "unknown command 'down' (commands: up, demo, token, help)");
        // the demo checks its numbers before it starts anything
        assertUsage(() -> LocalStack.run(List.of("demo", "--agents", "0"), Map.of()), "--agents must be at least 1");
        assertUsage(() -> LocalStack.run(List.of("demo", "--contacts", "many"), Map.of()), "--contacts needs a whole number");
        assertUsage(() -> LocalStack.run(List.of("demo", "--speed", "9"), Map.of()), "unknown option --speed for 'demo' (see ./waihu help)");
    }

    @Test
    void everyBusyPortIsNamedOnOneLine() {
        StackConfig config = StackConfig.resolve(Args.parse("up", List.of(), UP_VALUES, UP_FLAGS), Map.of());
        Map<Integer, String> ports = Preflight.portsToBind(config);
        assertEquals(List.of(8081, 8082, 8083, 8084, 19092, 19093, 15432), List.copyOf(ports.keySet()));

        assertUsage(() -> Preflight.checkPorts(ports, port -> port != 8083),
                "port 8083 (billing-service) is already in use (another ./waihu up, or another program: stop it first)");
        assertUsage(() -> Preflight.checkPorts(ports, port -> port != 8081 && port != 15432),
                "ports 8081 (campaign-service), 15432 (PostgreSQL) are already in use (another ./waihu up, or another program: stop it first)");
        Preflight.checkPorts(ports, port -> true);
    }

    @Test
    void oldJavaIsRefused() {
        assertUsage(() -> Preflight.checkJava(11), "Java 17 or newer is needed, this is Java 11 (set JAVA_HOME or PATH to a newer JDK)");
        Preflight.checkJava(17);
        Preflight.checkJava(21);
    }

    @Test
    void missingServiceJarsSayHowToBuild() {
        StackException e = assertThrows(StackException.class, () -> Preflight.checkServiceJars(Path.of("/nonexistent-waihu"), ServiceDef.ALL));
        assertEquals(StackException.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("not built yet: campaign-service/target/quarkus-app/quarkus-run.jar, "), e.getMessage());
        assertTrue(e.getMessage().contains("./waihu up --build"), e.getMessage());
    }

    @Test
    void servicesNamesASubsetAndOnlyItsPortsAndJarsAreChecked() {
        StackConfig all = StackConfig.resolve(Args.parse("up", List.of(), UP_VALUES, UP_FLAGS), Map.of());
        StackConfig two = StackConfig.resolve(Args.parse("up", List.of("--services", "billing, campaign-service,billing"),
                UP_VALUES, UP_FLAGS), Map.of());

        assertEquals(ServiceDef.ALL, all.services());
        assertEquals(List.of(Services.CAMPAIGN, Services.BILLING), two.services().stream().map(ServiceDef::name).toList());
        assertEquals(Set.of(8081, 8083, StackConfig.KAFKA_PORT, StackConfig.KAFKA_CONTROLLER_PORT, StackConfig.POSTGRES_PORT),
                Preflight.portsToBind(two).keySet());
        StackException missing = assertThrows(StackException.class,
                () -> Preflight.checkServiceJars(Path.of("/nonexistent-waihu"), two.services()));
        assertTrue(missing.getMessage().startsWith("not built yet: campaign-service/target/quarkus-app/quarkus-run.jar, "
                + "billing-service/target/quarkus-app/quarkus-run.jar ("), missing.getMessage());
        assertUsage(() -> StackConfig.resolve(Args.parse("up", List.of("--services=billing,ivr"), UP_VALUES, UP_FLAGS), Map.of()),
                "unknown service 'ivr' in --services (choose from campaign, dialer, billing, analytics)");
        assertUsage(() -> StackConfig.resolve(Args.parse("up", List.of("--services", ","), UP_VALUES, UP_FLAGS), Map.of()),
                "--services needs at least one service (see ./waihu help)");
        // the demo needs all four
        assertUsage(() -> LocalStack.run(List.of("demo", "--services", "billing"), Map.of()),
                "unknown option --services for 'demo' (see ./waihu help)");
    }

    @Test
    void everyTopicAndOneDlqPerConsumerAreCreated() {
        Map<String, Integer> plan = Topics.withDeadLetterTopics();

        for (TopicSpec spec : Topics.all()) {
            assertEquals(spec.partitions(), plan.get(spec.name()), spec.name());
            for (String consumer : spec.consumers()) {
                assertEquals(spec.partitions(), plan.get(Topics.dlq(spec.name(), consumer)), consumer);
            }
        }
        int dlqs = Topics.all().stream().mapToInt(spec -> spec.consumers().size()).sum();
        assertEquals(Topics.all().size() + dlqs, plan.size());
        // the four the services consume today
        assertTrue(plan.containsKey("crm.contact-events.v1.campaign-service.dlq"));
        assertTrue(plan.containsKey("campaign.campaign-events.v1.dialer-service.dlq"));
        assertTrue(plan.containsKey("dialer.call-events.v1.billing-service.dlq"));
        assertTrue(plan.containsKey("billing.charge-events.v1.analytics-service.dlq"));
    }

    @Test
    void theFourServicesAreTheOnesCallEventsNames() {
        assertEquals(List.of(Services.CAMPAIGN, Services.DIALER, Services.BILLING, Services.ANALYTICS),
                ServiceDef.ALL.stream().map(ServiceDef::name).toList());
        assertEquals(Path.of("/r/billing-service/target/quarkus-app/quarkus-run.jar"),
                ServiceDef.ALL.get(2).runJar(Path.of("/r")));
    }

    @Test
    void servicesGetTheirConfigurationFromTheEnvironment() {
        StackConfig config = StackConfig.resolve(Args.parse("up", List.of("--data-dir", "/d"), UP_VALUES, UP_FLAGS), Map.of());
        Map<String, String> env = new UpCommand(config).serviceEnv(ServiceDef.ALL.get(2));

        assertEquals("postgresql://127.0.0.1:15432/billing", env.get("WAIHU_DB_URL"));
        assertEquals("postgres", env.get("WAIHU_DB_USER"));
        assertEquals("/d/keys/jwt-public.pem", env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals("8083", env.get("QUARKUS_HTTP_PORT"));
        assertTrue(env.containsKey("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(env.containsKey("WAIHU_DB_PASSWORD"));
        // off unless the caller's environment sets it; the service process inherits that value then
        assertEquals(System.getenv(UpCommand.ANALYTICS_WARM_UP) == null ? "0" : null, env.get(UpCommand.ANALYTICS_WARM_UP));
    }

    @Test
    void tokenRolesAreChecked() {
        assertEquals(List.of("admin", "agent"), List.copyOf(TokenCommand.roles("admin, Agent")));
        assertUsage(() -> TokenCommand.roles("admin,boss"), "unknown role 'boss': use admin, supervisor, agent, integrator");
        assertUsage(() -> TokenCommand.roles(","), "--role needs at least one role");
    }

    private static void assertUsage(org.junit.jupiter.api.function.Executable call, String message) {
        StackException e = assertThrows(StackException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(StackException.USAGE, e.exitCode());
    }
}
