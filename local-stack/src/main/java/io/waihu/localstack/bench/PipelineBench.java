package io.waihu.localstack.bench;

import io.waihu.events.Services;
import io.waihu.events.Topics;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import io.waihu.infra.DevTokenIssuer;
import io.waihu.localstack.demo.Api;
import io.waihu.localstack.demo.DemoTariffs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Rated calls per second through billing-service (CallEnded on Kafka → rated, stored, CallCharged in the outbox and
 * published), next to the two ceilings measured in the same run on the same broker and database: a bare Kafka
 * produce-and-consume of the same records, and bare batched inserts of what billing writes per call. Runs against a
 * stack started with {@code ./waihu up}.
 */
public final class PipelineBench {

    private final String kafka;
    private final String jdbcUrl;
    private final String pgUser;
    private final String pgPassword;
    private final int calls;
    private final Path keysDir;

    PipelineBench(String kafka, String jdbcUrl, String pgUser, String pgPassword, int calls, Path keysDir) {
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
        this.calls = calls;
        this.keysDir = keysDir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path data = Path.of(args.length > 1 ? args[1] : env.getOrDefault("WAIHU_HOME", ".") + "/.waihu-data");
        String kafka = env.getOrDefault("WAIHU_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        String jdbc = "jdbc:postgresql://" + env.getOrDefault("WAIHU_PG_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("WAIHU_PG_PORT", "15432") + "/billing?reWriteBatchedInserts=true";
        new PipelineBench(kafka, jdbc, env.getOrDefault("WAIHU_PG_USER", "postgres"),
                env.getOrDefault("WAIHU_PG_PASSWORD", "postgres"), calls, data.resolve("keys")).run();
    }

    void run() throws Exception {
        String tenant = "bench-" + Instant.now().getEpochSecond();
        Api api = new Api(DevTokenIssuer.loadOrCreate(keysDir).issue(tenant, "bench", Set.of("admin"), Duration.ofHours(1)));
        String carrierId = api.post(Api.BILLING + "/api/v1/carriers", Map.of("code", "bench", "name", "Bench carrier",
                "kind", "MOBILE_NETWORK", "country", "CN")).path("id").asText();
        String tariffId = api.post(Api.BILLING + "/api/v1/tariffs", "{\"carrierId\":\"" + carrierId + "\",\"name\":\"bench\","
                + "\"currency\":\"CNY\",\"zone\":\"Asia/Shanghai\",\"defaultRegion\":\"CN\",\"bands\":"
                + DemoTariffs.CHINA_TELECOM.bands() + "}").path("id").asText();
        api.postText(Api.BILLING + "/api/v1/tariffs/" + tariffId + "/versions", "text/csv", DemoTariffs.CHINA_TELECOM.deckCsv());
        Thread.sleep(6_000); // billing re-reads version lists every 5 s

        List<CallEnded> events = callsFor(tenant, carrierId);
        double kafkaCeiling = kafkaCeiling(events);
        double pgCeiling = postgresCeiling(events);
        PipelineResult pipeline = pipeline(tenant, events);
        double ceiling = Math.min(kafkaCeiling, pgCeiling);
        System.out.printf("calls                    %d (tenant %s)%n", calls, tenant);
        System.out.printf("kafka ceiling            %.0f records/s (produce + consume of the same CallEnded records, 1 consumer)%n", kafkaCeiling);
        System.out.printf("postgres ceiling         %.0f calls/s (batched inserts of the record, inbox row and outbox row, 500 calls a transaction)%n", pgCeiling);
        System.out.printf("pipeline: rated          %.0f calls/s (%d rated in %.1f s)%n", pipeline.ratedPerSecond(), pipeline.rated(), pipeline.ratedSeconds());
        System.out.printf("pipeline: announced      %.0f calls/s (every CallCharged published after %.1f s)%n", calls / pipeline.publishedSeconds(), pipeline.publishedSeconds());
        System.out.printf("ratio to the ceiling     %.1f%% (goal: >= 20000 calls/s)%n", 100 * pipeline.ratedPerSecond() / ceiling);
    }

    private List<CallEnded> callsFor(String tenant, String carrierId) {
        String[] prefixes = {"+86138", "+86139", "+86186", "+86106", "+86215", "+1212", "+44207"};
        int[] digits = {8, 8, 8, 7, 7, 7, 7};
        List<CallEnded> events = new ArrayList<>(calls);
        Instant base = Instant.now().minusSeconds(3_600);
        for (int i = 0; i < calls; i++) {
            int p = i % prefixes.length;
            // a leading 2 keeps every number inside its country's valid ranges
            String number = prefixes[p] + "2" + String.format("%0" + (digits[p] - 1) + "d", i % (int) Math.pow(10, digits[p] - 1));
            Instant setup = base.plusMillis(i * 7L);
            Instant answered = setup.plusSeconds(12);
            long talk = 5 + (i * 37L) % 400;
            events.add(CallEnded.of(tenant, null, "call-" + UUID.randomUUID(), "bench-campaign", "att-" + i, "ct-" + i, number,
                    carrierId, "agent-1", CallDisposition.ANSWERED_HUMAN, setup, setup.plusSeconds(3), answered,
                    answered.plusSeconds(talk), talk, false, "HUMAN", "Asia/Shanghai"));
        }
        return events;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private ProducerRecord<String, String> record(String topic, CallEnded event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.callId(), EventJson.write(event));
        CloudEvents.headersFor(event, Services.DIALER).forEach((name, value) ->
                record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    private double kafkaCeiling(List<CallEnded> events) throws Exception {
        String topic = "bench.raw-call-events-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.spec(Topics.CALL_EVENTS).partitions(), (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> producer = producer()) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofMillis(500));
            long start = System.nanoTime();
            for (CallEnded event : events) {
                producer.send(record(topic, event));
            }
            producer.flush();
            int seen = 0;
            while (seen < events.size()) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                for (var r : batch) {
                    EventJson.read(r.value(), CallEnded.class); // the same parse the service does
                    seen++;
                }
            }
            return events.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private double postgresCeiling(List<CallEnded> events) throws Exception {
        String suffix = Long.toString(System.nanoTime());
        try (Connection conn = DriverManager.getConnection(jdbcUrl, pgUser, pgPassword)) {
            try (Statement ddl = conn.createStatement()) {
                ddl.execute("CREATE TABLE bench_cdr_" + suffix + " (LIKE call_detail_record INCLUDING ALL)");
                ddl.execute("CREATE TABLE bench_inbox_" + suffix + " (LIKE processed_event INCLUDING ALL)");
                ddl.execute("CREATE TABLE bench_outbox_" + suffix + " (LIKE outbox_event INCLUDING ALL)");
            }
            conn.setAutoCommit(false);
            String breakdown = "{\"segments\":[{\"band\":\"peak\",\"rateGroup\":\"0\",\"secondsUsed\":95,\"secondsBilled\":96,"
                    + "\"units\":\"1.6\",\"rate\":\"0.1100\",\"amount\":\"0.1760\"}],\"subtotal\":\"0.1760\",\"adjustments\":[]}";
            long start = System.nanoTime();
            try (PreparedStatement cdr = conn.prepareStatement("INSERT INTO bench_cdr_" + suffix
                    + " (tenant_id, call_id, campaign_id, attempt_id, carrier_id, number, disposition, setup_at, answered_at,"
                    + " ended_at, billable_seconds, rating_status, cost, currency, tariff_id, tariff_version, destination_prefix,"
                    + " destination_class, billed_seconds, breakdown, rated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,now())");
                 PreparedStatement inbox = conn.prepareStatement("INSERT INTO bench_inbox_" + suffix
                         + " (consumer, event_id, tenant_id, event_type) VALUES (?,?,?,?)");
                 PreparedStatement outbox = conn.prepareStatement("INSERT INTO bench_outbox_" + suffix
                         + " (tenant_id, topic, record_key, event_id, event_type, payload, headers) VALUES (?,?,?,?,?,?,?::jsonb)")) {
                int inBatch = 0;
                for (CallEnded e : events) {
                    cdr.setString(1, e.tenantId());
                    cdr.setString(2, e.callId());
                    cdr.setString(3, e.campaignId());
                    cdr.setString(4, e.attemptId());
                    cdr.setString(5, e.carrierId());
                    cdr.setString(6, e.number());
                    cdr.setString(7, e.disposition().name());
                    cdr.setTimestamp(8, Timestamp.from(e.setupAt()));
                    cdr.setTimestamp(9, Timestamp.from(e.answeredAt()));
                    cdr.setTimestamp(10, Timestamp.from(e.endedAt()));
                    cdr.setLong(11, e.billableSeconds());
                    cdr.setString(12, "RATED");
                    cdr.setBigDecimal(13, new java.math.BigDecimal("0.1760"));
                    cdr.setString(14, "CNY");
                    cdr.setString(15, "tariff");
                    cdr.setInt(16, 1);
                    cdr.setString(17, "8613");
                    cdr.setString(18, "MOBILE");
                    cdr.setLong(19, 96);
                    cdr.setString(20, breakdown);
                    cdr.addBatch();
                    inbox.setString(1, Services.BILLING);
                    inbox.setObject(2, e.eventId());
                    inbox.setString(3, e.tenantId());
                    inbox.setString(4, e.type());
                    inbox.addBatch();
                    outbox.setString(1, e.tenantId());
                    outbox.setString(2, Topics.CHARGE_EVENTS);
                    outbox.setString(3, e.callId());
                    outbox.setObject(4, UUID.randomUUID());
                    outbox.setString(5, "CallCharged");
                    outbox.setString(6, EventJson.write(e) + breakdown);
                    outbox.setString(7, "{\"ce_type\":\"io.waihu.CallCharged.v1\"}");
                    outbox.addBatch();
                    if (++inBatch == 500) {
                        cdr.executeBatch();
                        inbox.executeBatch();
                        outbox.executeBatch();
                        conn.commit();
                        inBatch = 0;
                    }
                }
                cdr.executeBatch();
                inbox.executeBatch();
                outbox.executeBatch();
                conn.commit();
            }
            double rate = events.size() / ((System.nanoTime() - start) / 1e9);
            conn.setAutoCommit(true);
            try (Statement ddl = conn.createStatement()) {
                ddl.execute("DROP TABLE bench_cdr_" + suffix + ", bench_inbox_" + suffix + ", bench_outbox_" + suffix);
            }
            return rate;
        }
    }

    record PipelineResult(long rated, double ratedSeconds, double publishedSeconds) {
        double ratedPerSecond() {
            return rated / ratedSeconds;
        }
    }

    private PipelineResult pipeline(String tenant, List<CallEnded> events) throws Exception {
        try (Connection conn = DriverManager.getConnection(jdbcUrl, pgUser, pgPassword);
             KafkaProducer<String, String> producer = producer();
             PreparedStatement rated = conn.prepareStatement("SELECT count(*) FROM call_detail_record WHERE tenant_id = ?");
             PreparedStatement unpublished = conn.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE tenant_id = ? AND published_at IS NULL")) {
            rated.setString(1, tenant);
            unpublished.setString(1, tenant);
            long start = System.nanoTime();
            for (CallEnded event : events) {
                producer.send(record(Topics.CALL_EVENTS, event));
            }
            producer.flush();
            long deadline = start + Duration.ofMinutes(10).toNanos();
            long count = 0;
            while ((count = count(rated)) < events.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + count + " of " + events.size() + " calls rated after 10 minutes");
                }
                Thread.sleep(100);
            }
            double ratedSeconds = (System.nanoTime() - start) / 1e9;
            while (count(unpublished) > 0) {
                Thread.sleep(100);
            }
            return new PipelineResult(count, ratedSeconds, (System.nanoTime() - start) / 1e9);
        }
    }

    private static long count(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
