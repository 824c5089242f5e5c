package io.waihu.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.waihu.events.Topics;
import io.waihu.infra.DevTokenIssuer;
import io.waihu.infra.EmbeddedKafka;
import io.waihu.infra.EmbeddedPostgresServer;
import io.waihu.infra.Ports;
import io.waihu.infra.TopicProvisioner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code up}: infrastructure, topics, keys and the four services, then waits for Ctrl-C. */
final class UpCommand {

    /** Present in every data directory {@code up} made, so {@code --wipe} never deletes anything else. */
    static final String MARKER = ".waihu-data-dir";
    private static final int TAIL_LINES = 30;
    /** analytics-service's fold warm-up at start (docs/analytics.md); off in a local stack unless set. */
    static final String ANALYTICS_WARM_UP = "WAIHU_ANALYTICS_WARM_UP_EVENTS";

    private final StackConfig config;
    private final RunningStack stack = new RunningStack();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private final Map<String, String> extraServiceEnv;
    private final AfterReady afterReady;
    private volatile int afterReadyExitCode;
    private String kafkaBootstrap;

    /** What runs once the stack is ready, e.g. the demo campaign; the stack stays up while it runs. */
    interface AfterReady {
        /**
         * @param kafkaBootstrap the broker the services use
         * @return whether to stop the stack afterwards
         */
        boolean run(String kafkaBootstrap) throws Exception;
    }

    UpCommand(StackConfig config) {
        this(config, Map.of(), null);
    }

    UpCommand(StackConfig config, Map<String, String> extraServiceEnv, AfterReady afterReady) {
        this.config = config;
        this.extraServiceEnv = Map.copyOf(extraServiceEnv);
        this.afterReady = afterReady;
    }

    /** @return the exit code */
    int run() {
        long start = System.nanoTime();
        Preflight.checkJava(Runtime.version().feature());
        checkNotRunning();
        Preflight.checkPorts(Preflight.portsToBind(config), Ports::isFree);
        Preflight.checkServiceJars(config.repoRoot(), config.services());
        prepareDataDir();
        InfraLogging.toFile(config.logsDir().resolve("infra.log"));
        installStopHandlers();
        try {
            startInfrastructure();
            checkStopRequested();
            provisionTopics();
            prepareKeys();
            startServices();
            awaitReady();
            writeStackFile();
            printSummary(start);
            watchForCrashes();
            startAfterReady();
            stopRequested.await();
        } catch (StopRequested e) {
            // Ctrl-C during startup: stop what is up, like after it
        } catch (StackException e) {
            Console.error(e.getMessage());
            stop();
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Console.error("failed to start: " + e);
            stop();
            return StackException.FAILURE;
        }
        stop();
        Console.say("stopped; the data stays in " + config.dataDir() + " for the next ./waihu up");
        return afterReadyExitCode;
    }

    private void startAfterReady() {
        if (afterReady == null) {
            return;
        }
        Thread thread = new Thread(() -> {
            boolean stopAfter = true;
            try {
                stopAfter = afterReady.run(kafkaBootstrap);
            } catch (Exception e) {
                Console.error("failed: " + e.getMessage());
                afterReadyExitCode = StackException.FAILURE;
            }
            if (stopAfter) {
                stack.markStopping();
                stopRequested.countDown();
            } else {
                Console.say("the stack keeps running; Ctrl-C stops everything");
            }
        }, "waihu-after-ready");
        thread.setDaemon(true);
        thread.start();
    }

    private void stop() {
        stack.stop();
        try {
            Files.deleteIfExists(config.stackFile());
        } catch (IOException e) {
            // a stale stack.json is recognised by its dead pid
        }
    }

    private void checkNotRunning() {
        Path file = config.stackFile();
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            long pid = new ObjectMapper().readTree(file.toFile()).path("pid").asLong(-1);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (pid > 0 && pid != ProcessHandle.current().pid() && process.map(ProcessHandle::isAlive).orElse(false)) {
                throw StackException.usage("a stack is already running on " + config.dataDir() + " (pid " + pid
                        + "); stop it with Ctrl-C in its terminal, or kill -INT " + pid);
            }
        } catch (IOException e) {
            // unreadable: treat as stale
        }
    }

    private void prepareDataDir() {
        Path dir = config.dataDir();
        try {
            if (config.wipe() && Files.exists(dir)) {
                if (!Files.exists(dir.resolve(MARKER)) && !isEmptyDir(dir)) {
                    throw StackException.usage("refusing to --wipe " + dir + ": it is not empty and has no " + MARKER
                            + " file, so it is not a Waihu data dir");
                }
                Console.say("--wipe: deleting " + dir);
                deleteRecursively(dir);
            }
            Files.createDirectories(config.logsDir());
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Data of ./waihu up (Kafka logs, PostgreSQL, keys, logs). ./waihu up --wipe deletes it.\n");
            }
        } catch (IOException e) {
            throw new StackException(StackException.FAILURE, "cannot prepare the data dir " + dir + ": " + e.getMessage(), e);
        }
    }

    private void installStopHandlers() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "waihu-shutdown"));
        for (String name : List.of("INT", "TERM")) {
            try {
                // our own handler, so a Ctrl-C ends in a clean stop and exit code 0 rather than the JVM's 130
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onSignal(name));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs): the shutdown hook still stops everything
            }
        }
    }

    private void onSignal(String name) {
        if (signals.incrementAndGet() == 1) {
            // a terminal's Ctrl-C reaches the services too, and they may exit before stop() begins
            stack.markStopping();
            Console.say("SIG" + name + " received, stopping (press Ctrl-C again to kill at once)");
            stopRequested.countDown();
        } else {
            Console.say("SIG" + name + " again: killing the services now");
            stack.kill();
            Runtime.getRuntime().halt(130);
        }
    }

    private void checkStopRequested() {
        if (stopRequested.getCount() == 0) {
            throw new StopRequested();
        }
    }

    private void startInfrastructure() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "waihu-infra-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // both take a few seconds and need each other not at all
            List<Future<?>> starts = new ArrayList<>();
            Callable<Void> kafka = config.externalKafka().isPresent() ? this::useExternalKafka : this::startKafka;
            Callable<Void> postgres = config.externalPostgres().isPresent() ? this::useExternalPostgres : this::startPostgres;
            starts.add(pool.submit(kafka));
            starts.add(pool.submit(postgres));
            Exception failure = null;
            for (Future<?> started : starts) {
                try {
                    started.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }

    private Void startKafka() throws Exception {
        long t = System.nanoTime();
        Console.say("starting Kafka (embedded KRaft broker, logs in " + config.kafkaDir() + ") ...");
        try {
            EmbeddedKafka kafka = EmbeddedKafka.startPersistent(config.kafkaDir(), StackConfig.KAFKA_PORT,
                    StackConfig.KAFKA_CONTROLLER_PORT);
            stack.kafka(kafka);
            kafkaBootstrap = kafka.bootstrapServers();
        } catch (Exception e) {
            throw new StackException(StackException.FAILURE, "Kafka did not start: " + e
                    + " (see " + config.logsDir().resolve("infra.log") + ")", e);
        }
        Console.say("Kafka ready at " + kafkaBootstrap + " (" + Console.seconds(t) + ")");
        return null;
    }

    private Void useExternalKafka() {
        kafkaBootstrap = config.externalKafka().orElseThrow();
        Console.say("Kafka: using " + kafkaBootstrap + " (WAIHU_KAFKA_BOOTSTRAP_SERVERS)");
        return null;
    }

    private Void startPostgres() throws Exception {
        long t = System.nanoTime();
        Console.say("starting PostgreSQL (embedded, data in " + config.postgresDir() + ") ...");
        EmbeddedPostgresServer postgres;
        try {
            postgres = EmbeddedPostgresServer.startPersistent(config.postgresDir(), StackConfig.POSTGRES_PORT);
        } catch (Exception e) {
            throw new StackException(StackException.FAILURE, "PostgreSQL did not start: " + e
                    + " (see " + config.logsDir().resolve("infra.log") + ")", e);
        }
        stack.postgres(postgres);
        for (ServiceDef service : config.services()) {
            postgres.ensureDatabase(service.database());
        }
        Console.say("PostgreSQL ready at 127.0.0.1:" + postgres.port() + ", databases " + databaseNames()
                + " (" + Console.seconds(t) + ")");
        return null;
    }

    private Void useExternalPostgres() {
        StackConfig.ExternalPostgres pg = config.externalPostgres().orElseThrow();
        Console.say("PostgreSQL: using " + pg.host() + ":" + pg.port() + " as " + pg.user() + " (WAIHU_PG_HOST)");
        for (ServiceDef service : config.services()) {
            try {
                EmbeddedPostgresServer.ensureDatabase(pg.host(), pg.port(), pg.user(), pg.password(), service.database());
            } catch (Exception e) {
                throw new StackException(StackException.FAILURE, "cannot create database " + service.database()
                        + " on PostgreSQL at " + pg.host() + ":" + pg.port() + " as " + pg.user() + ": " + e.getMessage()
                        + " (check WAIHU_PG_HOST, WAIHU_PG_PORT, WAIHU_PG_USER, WAIHU_PG_PASSWORD)", e);
            }
        }
        Console.say("PostgreSQL databases ready: " + databaseNames());
        return null;
    }

    private String databaseNames() {
        return config.services().stream().map(ServiceDef::database).collect(Collectors.joining(", "));
    }

    private void provisionTopics() {
        Map<String, Integer> plan = Topics.withDeadLetterTopics();
        Set<String> created;
        try {
            created = TopicProvisioner.ensure(kafkaBootstrap, plan);
        } catch (Exception e) {
            throw new StackException(StackException.FAILURE, "cannot create the topics on Kafka at " + kafkaBootstrap
                    + ": " + e, e);
        }
        long dlqs = plan.keySet().stream().filter(name -> name.endsWith(Topics.DLQ_SUFFIX)).count();
        Console.say("topics ready: " + (plan.size() - dlqs) + " topics and " + dlqs + " dead-letter topics ("
                + (created.isEmpty() ? "all existed" : created.size() + " created") + ")");
    }

    private void prepareKeys() throws IOException {
        boolean existed = Files.exists(DevTokenIssuer.publicKeyFile(config.keysDir()));
        DevTokenIssuer.loadOrCreate(config.keysDir());
        Console.say("development JWT keys " + (existed ? "in " : "created in ") + config.keysDir());
    }

    private void startServices() throws IOException {
        Console.say("starting " + config.services().stream().map(ServiceDef::name).collect(Collectors.joining(", "))
                + " (logs in " + config.logsDir() + ") ...");
        for (ServiceDef service : config.services()) {
            checkStopRequested();
            stack.add(ServiceProcess.start(service, service.runJar(config.repoRoot()), config.serviceJavaOpts(),
                    serviceEnv(service), config.logsDir()));
        }
    }

    Map<String, String> serviceEnv(ServiceDef service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("WAIHU_DB_URL", config.databaseUrl(service.database()));
        env.put("WAIHU_DB_USER", config.postgresUser());
        env.put("WAIHU_DB_PASSWORD", config.postgresPassword());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", DevTokenIssuer.publicKeyFile(config.keysDir()).toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // the fold warm-up buys a low lag when a restart meets a busy topic, at ~16 s of start-up; a local stack
        // starts often and idle, so it is off here unless the caller asks for it
        if (System.getenv(ANALYTICS_WARM_UP) == null) {
            env.put(ANALYTICS_WARM_UP, "0");
        }
        env.putAll(extraServiceEnv);
        return env;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(stack.services());
        while (!waiting.isEmpty()) {
            checkStopRequested();
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (service.checkReady()) {
                    waiting.remove(service);
                    Console.say(service.service().name() + " ready on " + service.service().url()
                            + " (" + Console.seconds(service.readySeconds()) + ")");
                } else if (!service.process().isAlive()) {
                    failWithLog(List.of(service), service.service().name() + " exited with code "
                            + service.process().exitValue() + " before it was ready");
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                failWithLog(waiting, waiting.stream().map(s -> s.service().name()).collect(Collectors.joining(", "))
                        + (waiting.size() == 1 ? " is" : " are") + " not ready after "
                        + config.readyTimeout().toSeconds() + " s (WAIHU_READY_TIMEOUT_SECONDS raises the limit)");
            }
            Thread.sleep(500);
        }
    }

    private void failWithLog(List<ServiceProcess> services, String message) {
        StringBuilder text = new StringBuilder("waihu: ").append(message).append('\n');
        for (ServiceProcess service : services) {
            text.append("waihu: last lines of ").append(service.log()).append(":\n");
            List<String> tail = service.tail(TAIL_LINES);
            tail.forEach(line -> text.append("    | ").append(line).append('\n'));
            if (tail.isEmpty()) {
                text.append("    (empty: the service had not logged anything yet)\n");
            }
        }
        Console.rawError(text.toString());
        throw new StackException(StackException.FAILURE, "startup failed, stopping everything");
    }

    private void watchForCrashes() {
        for (ServiceProcess service : stack.services()) {
            service.process().onExit().thenAccept(process -> {
                sleepQuietly(1000); // a signal to the whole process group may reach the service first
                if (!stack.stopping()) {
                    Console.say(service.service().name() + " exited unexpectedly (code " + process.exitValue()
                            + "), see " + service.log() + "; the rest keeps running, Ctrl-C stops it");
                }
            });
        }
    }

    private void writeStackFile() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", ProcessHandle.current().pid());
        json.put("startedAt", Instant.now().toString());
        json.put("dataDir", config.dataDir().toString());
        json.put("kafka", Map.of("bootstrapServers", kafkaBootstrap, "embedded", config.externalKafka().isEmpty()));
        Map<String, Object> pg = new LinkedHashMap<>();
        pg.put("host", config.postgresHost());
        pg.put("port", config.postgresPort());
        pg.put("user", config.postgresUser());
        pg.put("embedded", config.externalPostgres().isEmpty());
        json.put("postgres", pg);
        json.put("jwtPublicKey", DevTokenIssuer.publicKeyFile(config.keysDir()).toString());
        json.put("jwtIssuer", DevTokenIssuer.ISSUER);
        List<Map<String, Object>> services = new ArrayList<>();
        for (ServiceProcess running : stack.services()) {
            ServiceDef service = running.service();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", service.name());
            entry.put("pid", running.pid());
            entry.put("port", service.port());
            entry.put("url", service.url());
            entry.put("swaggerUi", service.url() + "/q/swagger-ui");
            entry.put("openapi", service.url() + "/q/openapi");
            entry.put("health", service.url() + "/q/health");
            entry.put("metrics", service.url() + "/q/metrics");
            entry.put("database", config.databaseUrl(service.database()));
            entry.put("log", running.log().toString());
            services.add(entry);
        }
        json.put("services", services);
        Path tmp = config.stackFile().resolveSibling("stack.json.tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json);
        Files.move(tmp, config.stackFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void printSummary(long start) {
        String[] header = {"service", "URL", "Swagger UI", "health", "metrics"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (ServiceDef service : config.services()) {
            rows.add(new String[]{service.name(), service.url(), service.url() + "/q/swagger-ui",
                    service.url() + "/q/health", service.url() + "/q/metrics"});
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String tokenCommand = "./waihu token --tenant acme --role admin" + dataDirOption();
        StringBuilder text = new StringBuilder();
        text.append("waihu: ready in ").append(Console.seconds(start)).append('\n').append('\n');
        for (String[] row : rows) {
            text.append("  ");
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            text.append('\n');
        }
        text.append('\n');
        text.append("  Kafka bootstrap  ").append(kafkaBootstrap)
                .append(config.externalKafka().isPresent() ? " (external)" : " (embedded)").append('\n');
        text.append("  PostgreSQL       ").append(config.databaseUrl("<database>")).append(" user ")
                .append(config.postgresUser()).append(config.externalPostgres().isPresent() ? " (external)" : " (embedded)")
                .append("; databases ").append(databaseNames()).append('\n');
        text.append("  data dir         ").append(config.dataDir()).append(" (logs in logs/, stack.json)").append('\n');
        text.append("  token            ").append(tokenCommand).append('\n');
        text.append("  try              curl -H \"Authorization: Bearer $(").append(tokenCommand)
                .append(")\" http://127.0.0.1:8083/api/v1/carriers").append('\n');
        text.append('\n');
        text.append("waihu: Ctrl-C stops everything; the data stays for the next ./waihu up\n");
        Console.raw(text.toString());
    }

    private String dataDirOption() {
        Path defaultDir = config.repoRoot().resolve(StackConfig.DEFAULT_DATA_DIR);
        return config.dataDir().equals(defaultDir) ? "" : " --data-dir " + config.dataDir();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Thrown on the main thread when Ctrl-C came during startup. */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super(null, null, false, false);
        }
    }
}
