package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.platform.persistence.Rows;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact import benchmark inside the module's test JVM: the same generated CSV as bench/contact-import/run.sh
 * (national CN mobiles, a Beijing landline on every third row, consent, two attributes, one bad number in 1,000),
 * uploaded through REST into a list with default region CN, against the real PostgreSQL; no other services run. Not
 * part of the normal test run (its name does not end in Test). Run:
 * {@code mvn -B -o verify -pl campaign-service -Dtest=ContactImportBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rows=1000000}
 * It prints one IMPORT-BENCH line: rows/s, the heap used (sampled every 0.5 s, and right after each GC) and the
 * CPU seconds of this JVM. The outcome is checked exactly: every bad row refused with its line, every good row stored.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestProfile(ContactImportBench.NoLoop.class)
class ContactImportBench {

    /** The hopper loop is off: the JVM does nothing but the import. */
    public static class NoLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waihu.hopper.enabled", "false");
        }
    }

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

    @Inject
    Pool pool;

    private static RequestSpecification as(String tenant) {
        return given().header("Authorization", TestTokens.bearer(tenant, "admin"));
    }

    /**
     * Rows imported first, untimed, by another tenant ({@code -Dbench.warmup=N}, default 0): the timed import then runs
     * on a JVM whose JIT has compiled the import path, as in a service that has imported before. 0 measures a cold JVM,
     * like the figures before 2026-11-27 session 5. The warm-up's contacts stay in the table, so the timed import writes
     * into bigger indexes: with 300,000 warm-up rows PostgreSQL took 35.7 us/row instead of 23.7 (2026-11-27 07:53), which
     * outweighed the warmer JIT. Compare warm runs only with warm runs of the same N.
     */
    static final int WARMUP_ROWS = Integer.getInteger("bench.warmup", 0);

    @Test
    void importAMillionRows() throws Exception {
        if (WARMUP_ROWS > 0) {
            String warmTenant = "bench-warmup-" + UUID.randomUUID();
            Path warm = Files.createTempFile("contact-import-bench-warmup", ".csv");
            try {
                generate(warm, WARMUP_ROWS);
                createList(warmTenant, "warm");
                JsonNode job = awaitDone(warmTenant, upload(warmTenant, "warm", warm));
                assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
                System.out.printf("IMPORT-BENCH-WARMUP rows=%d job=%s rows/s%n", WARMUP_ROWS, job.path("rowsPerSecond").asText());
            } finally {
                Files.deleteIfExists(warm);
            }
        }
        String tenant = "bench-" + UUID.randomUUID();
        String list = "big";
        createList(tenant, list);
        Path csv = Files.createTempFile("contact-import-bench", ".csv");
        try {
            generate(csv, ROWS);
            run(tenant, list, csv);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void createList(String tenant, String list) {
        as(tenant).contentType("application/json").body("{\"id\":\"" + list + "\",\"name\":\"import bench\",\"defaultRegion\":\"CN\"}")
                .when().post("/api/v1/contact-lists").then().statusCode(201);
    }

    /*
     * The upload and the polling use the JDK's HTTP client and Jackson, not REST Assured: its JsonPath evaluates each
     * path with Groovy, which parsed and compiled code on every poll and kept the JIT busy in this JVM during the
     * import (2026-11-27 session 5: ~1,800 methods of Groovy and its parser compiled in the import's window). The stack harness polls
     * with curl.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port).resolve(path);
    }

    private static String upload(String tenant, String list, Path csv) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/contact-lists/" + list + "/imports"))
                .header("Authorization", TestTokens.bearer(tenant, "admin")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static JsonNode awaitDone(String tenant, String location) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(uri(location)).header("Authorization", TestTokens.bearer(tenant, "admin")).GET().build();
        while (true) {
            HttpResponse<String> r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode job = JSON.readTree(r.body());
            String status = job.path("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
    }

    private void run(String tenant, String list, Path csv) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long heapBefore = used(heapPools);
        List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> samples.add(used(heapPools)), 0, 500, TimeUnit.MILLISECONDS);
        long gcBefore = gcCount();
        long cpu0 = os.getProcessCpuTime();
        long postmaster = postmasterPid();
        long pg0 = postgresCpuTicks(postmaster);
        long import0 = importThreadsCpu();
        Map<String, Long> threads0 = nativeThreadsCpuTicks();
        long uptime0 = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        String location = upload(tenant, list, csv);
        double upload = (System.nanoTime() - t0) / 1e9;
        JsonNode job = awaitDone(tenant, location);
        double total = (System.nanoTime() - t0) / 1e9;
        long uptime1 = ManagementFactory.getRuntimeMXBean().getUptime();
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double pgCpu = (postgresCpuTicks(postmaster) - pg0) / 100.0;
        double importCpu = (importThreadsCpu() - import0) / 1e9;
        Map<String, Long> threads1 = nativeThreadsCpuTicks();
        sampler.shutdownNow();
        // the heap left after a full collection: what the import kept (nothing, if flat)
        long afterGc = heapAfterGc(heapPools);
        long max = samples.stream().mapToLong(Long::longValue).max().orElse(0);
        long bad = ROWS / 1000;
        System.out.printf("IMPORT-BENCH rows=%d bytes=%d status=%s accepted=%d rejected=%d job=%s rows/s upload(202)=%.1fs "
                        + "endToEnd=%.1fs (%.0f rows/s) heapUsed(MB): before=%d max=%d over %d samples, after full GC=%d; "
                        + "maxHeap=%d MB; GCs=%d; this JVM's CPU=%.1fs (%.1f us/row); PostgreSQL's CPU=%.1fs (%.1f us/row); "
                        + "import threads' CPU (reader + parse pool)=%.1fs (%.1f us/row); cores=%d%n",
                ROWS, Files.size(csv), job.path("status").asText(), job.path("rowsAccepted").asLong(), job.path("rowsRejected").asLong(),
                job.path("rowsPerSecond").asText(), upload, total, ROWS / total, heapBefore >> 20, max >> 20, samples.size(), afterGc >> 20,
                Runtime.getRuntime().maxMemory() >> 20, gcCount() - gcBefore, cpu, cpu * 1e6 / ROWS, pgCpu, pgCpu * 1e6 / ROWS, importCpu, importCpu * 1e6 / ROWS, Runtime.getRuntime().availableProcessors());

        // where this JVM's CPU went, by thread name (numbers stripped): the import's threads, the upload, GC, the JIT...
        StringBuilder byThread = new StringBuilder("IMPORT-BENCH-THREADS (us/row)");
        threads1.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(14)
                .forEach(e -> byThread.append(String.format(java.util.Locale.ROOT, " %s=%.1f", e.getKey(), e.getValue() * 1e4 / ROWS)));
        System.out.println(byThread);
        // to place the JIT's work (-XX:+PrintCompilation prints milliseconds of uptime) inside or outside the import
        System.out.printf("IMPORT-BENCH-WINDOW JVM uptime ms: start=%d end=%d warmupRows=%d%n", uptime0, uptime1, WARMUP_ROWS);

        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsRead").asLong()).isEqualTo(ROWS);
        assertThat(job.path("rowsRejected").asLong()).isEqualTo(bad);
        assertThat(job.path("rowsAccepted").asLong()).isEqualTo(ROWS - bad);
        assertThat(job.path("errorsStored").asLong()).isEqualTo(bad);
        long stored = pool.preparedQuery("SELECT count(*) FROM contact WHERE tenant_id = $1 AND list_id = $2").execute(Tuple.of(tenant, list))
                .map(Rows::count).await().indefinitely();
        assertThat(stored).isEqualTo(ROWS - bad);
        // every refusal in file order, each the bad phone1 of rows 999, 1999, ... (file line = row + 2, the header is line 1)
        List<Long> lines = pool.preparedQuery("SELECT e.line FROM import_error e JOIN import_job j ON j.id = e.job_id "
                        + "WHERE j.tenant_id = $1 AND e.column_name = 'phone1' ORDER BY e.seq")
                .execute(Tuple.of(tenant)).map(rows -> Rows.list(rows, r -> r.getLong(0))).await().indefinitely();
        List<Long> expected = new ArrayList<>();
        for (long i = 999; i < ROWS; i += 1000) {
            expected.add(i + 2);
        }
        assertThat(lines).isEqualTo(expected);
    }

    /**
     * CPU of the import's own threads (the reader and the parse pool, all named contact-import-*), which live as long as the
     * service: this is the part of the service's work that does not depend on the machine's other load.
     */
    private static long importThreadsCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("contact-import-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /**
     * CPU ticks (1/100 s) of every native thread of this JVM, summed by thread name with digits removed: Java threads,
     * and also the VM's own (GC, JIT compilers), which the thread MX bean does not show. A thread that ended in between
     * is missing from the second reading, so a group's difference can be low; none of the import's threads end.
     */
    private static Map<String, Long> nativeThreadsCpuTicks() throws IOException {
        Map<String, Long> ticks = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String s = Files.readString(t.resolve("stat"));
                    String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    ticks.merge(name, cpuTicks(s.substring(s.lastIndexOf(')') + 2).split(" "), false), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return ticks;
    }

    /** The PostgreSQL server this test JVM talks to: the parent of our backend. */
    private long postmasterPid() throws IOException {
        long backend = pool.query("SELECT pg_backend_pid()").execute().map(rows -> (long) rows.iterator().next().getInteger(0))
                .await().indefinitely();
        return Long.parseLong(stat(backend)[1]);
    }

    /**
     * CPU of the whole server in clock ticks (1/100 s): the postmaster's own and its reaped children's time, plus the time of
     * the children alive now. A backend that exits in between moves from the second sum into the first, so a difference
     * of two readings is the server's CPU over the interval.
     */
    private static long postgresCpuTicks(long postmaster) throws IOException {
        long ticks = cpuTicks(stat(postmaster), true);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] s = stat(Long.parseLong(name));
                    if (Long.parseLong(s[1]) == postmaster) {
                        ticks += cpuTicks(s, true);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked: its time is in the postmaster's reaped children now
                }
            }
        }
        return ticks;
    }

    /** /proc/<pid>/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    private static long cpuTicks(String[] s, boolean withChildren) {
        long t = Long.parseLong(s[11]) + Long.parseLong(s[12]);
        return withChildren ? t + Long.parseLong(s[13]) + Long.parseLong(s[14]) : t;
    }

    private static long used(List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long heapAfterGc(List<MemoryPoolMXBean> pools) {
        System.gc();
        return pools.stream().mapToLong(p -> p.getCollectionUsage() == null ? p.getUsage().getUsed() : p.getCollectionUsage().getUsed()).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** The rows of bench/contact-import/run.sh, byte for byte. */
    static void generate(Path file, int rows) throws IOException {
        String[] tier = {"gold", "silver", "bronze"};
        String[] city = {"Beijing", "Shanghai", "Shenzhen", "Chengdu"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("externalId,name,phone1,phone1Type,phone2,phone2Type,zone,consentBasis,consentAt,consentSource,attr.tier,attr.city\n");
            StringBuilder sb = new StringBuilder(160);
            for (int i = 0; i < rows; i++) {
                String p1 = i % 1000 == 999 ? "12345" : "13" + (i % 10) + String.format("%08d", i);
                String p2 = i % 3 == 0 ? "010 6" + String.format("%07d", i % 10_000_000) : "";
                sb.setLength(0);
                sb.append("ext-").append(i).append(",Contact ").append(i).append(',').append(p1).append(",MOBILE,").append(p2).append(',')
                        .append(p2.isEmpty() ? "" : "HOME").append(",Asia/Shanghai,EXPRESS_CONSENT,2026-01-")
                        .append(String.format("%02d", i % 28 + 1)).append("T09:00:00Z,web-form,").append(tier[i % 3]).append(',')
                        .append(city[i % 4]).append('\n');
                out.write(sb.toString());
            }
        }
    }
}
