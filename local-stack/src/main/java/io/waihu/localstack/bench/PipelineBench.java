package io.waihu.localstack.bench;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.events.NumberType;
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
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Rated calls per second through billing-service (CallEnded on Kafka → rated, stored, CallCharged in the outbox and
 * published), next to the ceilings measured in the same run on the same broker and database: a plain consume of the
 * same records, plain batched inserts of what billing writes per call, and the two together (the raw ceiling: a
 * plain consumer that inserts each poll's rows in one transaction, without rating or deduplication). Runs against a
 * stack started with {@code ./waihu up}.
 *
 * <p>Every figure is a rate over the same N records with the records already serialized, so the harness's own JSON
 * writing is never timed; each phase is preceded by an untimed warm-up of N/10 records (at least 1,000) so the
 * figures are not a cold JIT's. The consume ceiling reads a topic that was filled first: it measures the consumer,
 * not the producer (the fill rate is printed too).
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

        int warmCalls = Math.max(1_000, calls / 10);
        List<CallEnded> warm = callsFor(tenant, carrierId, "bench-warm-up", warmCalls);
        List<CallEnded> events = callsFor(tenant, carrierId, "bench-campaign", calls);
        KafkaCeiling kafkaCeiling = kafkaCeiling(warm, events);
        double pgCeiling = postgresCeiling(warm, events);
        double rawCeiling = rawCeiling(warm, events);
        PipelineResult pipeline = pipeline(tenant, warm, events);
        double relay = relayCeiling(tenant, events);
        double lower = Math.min(kafkaCeiling.consumed(), pgCeiling);
        System.out.printf("calls                    %d (tenant %s), after %d warm-up calls per phase%n", calls, tenant, warmCalls);
        System.out.printf("kafka fill               %.0f records/s (the same CallEnded records produced to a scratch topic, acks=all)%n", kafkaCeiling.produced());
        System.out.printf("kafka ceiling            %.0f records/s (plain consume of the filled topic, each record parsed, 1 consumer, %d a poll)%n", kafkaCeiling.consumed(), POLL);
        System.out.printf("kafka, bytes only        %.0f records/s (the same consume without parsing: what the broker and client give)%n", kafkaCeiling.unparsed());
        System.out.printf("postgres ceiling         %.0f calls/s (batched inserts of the record, inbox row and outbox row, %d calls a transaction)%n", pgCeiling, POLL);
        System.out.printf("raw ceiling              %.0f calls/s (plain consume + the same batched inserts, one transaction a poll, offsets committed)%n", rawCeiling);
        System.out.printf("pipeline: rated          %.0f calls/s (%d rated in %.1f s from the first send; %.0f calls/s between 10%% and 90%%)%n",
                pipeline.ratedPerSecond(), pipeline.rated(), pipeline.ratedSeconds(), pipeline.steadyPerSecond());
        System.out.printf("pipeline: announced      %.0f calls/s (every CallCharged published after %.1f s)%n", calls / pipeline.publishedSeconds(), pipeline.publishedSeconds());
        System.out.printf("outbox relay alone       %.0f events/s (billing's relay publishing %d CallCharged rows written at once, after the pipeline phase; analytics and campaign may still be reading its events)%n", relay, events.size());
        System.out.printf("ratio to the raw ceiling %.1f%% (lower of the separate ceilings: %.1f%%; goal: >= 20000 calls/s)%n",
                100 * pipeline.ratedPerSecond() / rawCeiling, 100 * pipeline.ratedPerSecond() / lower);
    }

    /** Records a poll, and calls a transaction in the ceilings: what billing's channel is configured with. */
    static final int POLL = 2_000;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper RANGE_OWNERS = PhoneNumberToCarrierMapper.getInstance();

    private static List<CallEnded> callsFor(String tenant, String carrierId, String campaignId, int calls) {
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
            events.add(withHoppersReading(CallEnded.of(tenant, null, "call-" + UUID.randomUUID(), campaignId, "att-" + i,
                    "ct-" + i, number, carrierId, "agent-1", CallDisposition.ANSWERED_HUMAN, setup, setup.plusSeconds(3),
                    answered, answered.plusSeconds(talk), talk, false, "HUMAN", "Asia/Shanghai")));
        }
        return events;
    }

    /**
     * A dialled call carries campaign-service's one reading of its number (the hopper's CalleeZones.read: the type and,
     * for mobile ranges, the English name of the range owner), so billing rates it without reading the number again.
     * Made before any clock starts: reading the number is the hopper's work, not billing's.
     */
    private static CallEnded withHoppersReading(CallEnded call) {
        try {
            PhoneNumber number = PHONES.parse(call.number(), null);
            PhoneNumberType type = PHONES.getNumberType(number);
            boolean rangeOwner = type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE
                    || type == PhoneNumberType.PAGER;
            String carrier = rangeOwner ? RANGE_OWNERS.getNameForValidNumber(number, Locale.ENGLISH) : "";
            return call.withNumberReading(NumberType.valueOf(type.name()), carrier.isEmpty() ? null : carrier);
        } catch (NumberParseException e) {
            throw new IllegalStateException("the bench made an unreadable number " + call.number(), e);
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Serialized before any clock starts: writing the JSON is the dialer's work, not billing's. */
    private static List<ProducerRecord<String, String>> records(String topic, List<CallEnded> events) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(events.size());
        for (CallEnded event : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.callId(), EventJson.write(event));
            CloudEvents.headersFor(event, Services.DIALER).forEach((name, value) ->
                    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
            records.add(record);
        }
        return records;
    }

    /** @return records/s */
    private static double produce(KafkaProducer<String, String> producer, List<ProducerRecord<String, String>> records) {
        long start = System.nanoTime();
        for (ProducerRecord<String, String> record : records) {
            producer.send(record);
        }
        producer.flush();
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The consumer billing's channel is: the same poll size and fetch settings (application.properties). */
    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65_536);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private String scratchTopic(String name) throws Exception {
        String topic = "bench." + name + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.spec(Topics.CALL_EVENTS).partitions(), (short) 1))).all().get();
        }
        return topic;
    }

    private void deleteTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    record KafkaCeiling(double produced, double consumed, double unparsed) {
    }

    /** Fills a scratch topic with the warm-up and the measured records, then times a plain consumer over the measured ones. */
    private KafkaCeiling kafkaCeiling(List<CallEnded> warm, List<CallEnded> events) throws Exception {
        String topic = scratchTopic("raw-call-events");
        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, records(topic, warm));
            double produced = produce(producer, records(topic, events));
            double parsed;
            try (KafkaConsumer<String, String> consumer = consumer(topic + "-parsed")) {
                consumer.subscribe(List.of(topic));
                parsed = consumeAndParse(consumer, warm.size(), events.size(), null, true);
            }
            try (KafkaConsumer<String, String> consumer = consumer(topic + "-bytes")) {
                consumer.subscribe(List.of(topic));
                return new KafkaCeiling(produced, parsed, consumeAndParse(consumer, warm.size(), events.size(), null, false));
            }
        } finally {
            deleteTopic(topic);
        }
    }

    /**
     * Reads the warm-up and the measured records, parsing each as the service does; with a sink, hands each poll's
     * events over and commits the offsets after it, as a consumer does. A poll mixes partitions, so the warm-up is
     * "the first {@code warm} records read", and the clock starts at the first poll after them.
     *
     * @return records/s after the warm-up
     */
    private static double consumeAndParse(KafkaConsumer<String, String> consumer, int warm, int measured, PollSink sink,
                                          boolean parse) throws Exception {
        int seen = 0;
        int seenAtStart = 0;
        long start = 0;
        while (seen < warm + measured) {
            ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
            if (batch.isEmpty()) {
                continue;
            }
            List<CallEnded> parsed = new ArrayList<>(batch.count());
            if (parse) {
                for (var r : batch) {
                    parsed.add(EventJson.read(r.value(), CallEnded.class));
                }
            }
            if (sink != null) {
                sink.accept(parsed);
            }
            consumer.commitSync();
            seen += batch.count();
            if (start == 0 && seen >= warm) {
                start = System.nanoTime();
                seenAtStart = seen;
            }
        }
        return (seen - seenAtStart) / ((System.nanoTime() - start) / 1e9);
    }

    @FunctionalInterface
    interface PollSink {
        void accept(List<CallEnded> poll) throws Exception;
    }

    private static final String BREAKDOWN = "{\"segments\":[{\"band\":\"peak\",\"rateGroup\":\"0\",\"secondsUsed\":95,\"secondsBilled\":96,"
            + "\"units\":\"1.6\",\"rate\":\"0.1100\",\"amount\":\"0.1760\"}],\"subtotal\":\"0.1760\",\"adjustments\":[]}";

    /** Scratch copies of billing's three tables and batched inserts of what billing writes per call. */
    private final class BatchedRows implements AutoCloseable {
        private final Connection conn;
        private final String suffix = Long.toString(System.nanoTime());
        private final PreparedStatement cdr;
        private final PreparedStatement inbox;
        private final PreparedStatement outbox;

        BatchedRows() throws Exception {
            conn = DriverManager.getConnection(jdbcUrl, pgUser, pgPassword);
            try (Statement ddl = conn.createStatement()) {
                ddl.execute("CREATE TABLE bench_cdr_" + suffix + " (LIKE call_detail_record INCLUDING ALL)");
                ddl.execute("CREATE TABLE bench_inbox_" + suffix + " (LIKE processed_event INCLUDING ALL)");
                ddl.execute("CREATE TABLE bench_outbox_" + suffix + " (LIKE outbox_event INCLUDING ALL)");
            }
            conn.setAutoCommit(false);
            cdr = conn.prepareStatement("INSERT INTO bench_cdr_" + suffix
                    + " (tenant_id, call_id, campaign_id, attempt_id, carrier_id, number, disposition, setup_at, answered_at,"
                    + " ended_at, billable_seconds, rating_status, cost, currency, tariff_id, tariff_version, destination_prefix,"
                    + " destination_class, billed_seconds, breakdown, rated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,now())");
            inbox = conn.prepareStatement("INSERT INTO bench_inbox_" + suffix
                    + " (consumer, event_id, tenant_id, event_type) VALUES (?,?,?,?)");
            outbox = conn.prepareStatement("INSERT INTO bench_outbox_" + suffix
                    + " (tenant_id, topic, record_key, event_id, event_type, payload, headers) VALUES (?,?,?,?,?,?,?::jsonb)");
        }

        /** One transaction. */
        void write(List<CallEnded> events) throws Exception {
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
                cdr.setString(20, BREAKDOWN);
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
                outbox.setString(6, EventJson.write(e) + BREAKDOWN);
                outbox.setString(7, "{\"ce_type\":\"io.waihu.CallCharged.v1\"}");
                outbox.addBatch();
            }
            cdr.executeBatch();
            inbox.executeBatch();
            outbox.executeBatch();
            conn.commit();
        }

        @Override
        public void close() throws Exception {
            cdr.close();
            inbox.close();
            outbox.close();
            conn.setAutoCommit(true);
            try (Statement ddl = conn.createStatement()) {
                ddl.execute("DROP TABLE bench_cdr_" + suffix + ", bench_inbox_" + suffix + ", bench_outbox_" + suffix);
            }
            conn.close();
        }
    }

    private double postgresCeiling(List<CallEnded> warm, List<CallEnded> events) throws Exception {
        try (BatchedRows rows = new BatchedRows()) {
            for (int i = 0; i < warm.size(); i += POLL) {
                rows.write(warm.subList(i, Math.min(warm.size(), i + POLL)));
            }
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i += POLL) {
                rows.write(events.subList(i, Math.min(events.size(), i + POLL)));
            }
            return events.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Consume and insert together, as a consumer that does nothing else would: each poll parsed, its rows inserted in
     * one transaction, then its offsets committed. What billing adds to this is the rating, the deduplication (inbox
     * and ON CONFLICT) and the reactive client.
     */
    private double rawCeiling(List<CallEnded> warm, List<CallEnded> events) throws Exception {
        String topic = scratchTopic("raw-pipeline");
        try (KafkaProducer<String, String> producer = producer(); BatchedRows rows = new BatchedRows()) {
            produce(producer, records(topic, warm));
            produce(producer, records(topic, events));
            try (KafkaConsumer<String, String> consumer = consumer(topic)) {
                consumer.subscribe(List.of(topic));
                return consumeAndParse(consumer, warm.size(), events.size(), rows::write, true);
            }
        } finally {
            deleteTopic(topic);
        }
    }

    /**
     * The outbox relay on its own: as many CallCharged-sized rows as the run has calls, written into billing's outbox
     * in one transaction for a scratch topic, and timed until the relay has marked them all published.
     */
    private double relayCeiling(String tenant, List<CallEnded> events) throws Exception {
        String topic = scratchTopic("relay");
        try (Connection conn = DriverManager.getConnection(jdbcUrl, pgUser, pgPassword);
             PreparedStatement insert = conn.prepareStatement("INSERT INTO outbox_event (tenant_id, topic, record_key, event_id, "
                     + "event_type, payload, headers) VALUES (?,?,?,?,?,?,?::jsonb)");
             PreparedStatement unpublished = conn.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND topic = ?")) {
            conn.setAutoCommit(false);
            for (CallEnded e : events) {
                insert.setString(1, tenant);
                insert.setString(2, topic);
                insert.setString(3, e.callId());
                insert.setObject(4, UUID.randomUUID());
                insert.setString(5, "CallCharged");
                insert.setString(6, EventJson.write(e) + BREAKDOWN);
                insert.setString(7, "{\"ce_type\":\"io.waihu.CallCharged.v1\",\"ce_source\":\"billing-service\",\"ce_id\":\""
                        + UUID.randomUUID() + "\",\"ce_tenantid\":\"" + tenant + "\"}");
                insert.addBatch();
            }
            insert.executeBatch();
            conn.commit();
            conn.setAutoCommit(true);
            long start = System.nanoTime();
            unpublished.setString(1, topic);
            while (count(unpublished) > 0) {
                Thread.sleep(50);
            }
            return events.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            deleteTopic(topic);
        }
    }

    record PipelineResult(long rated, double ratedSeconds, double steadyPerSecond, double publishedSeconds) {
        double ratedPerSecond() {
            return rated / ratedSeconds;
        }
    }

    /**
     * The warm-up calls first (untimed, until all are rated), then the measured ones: the clock runs from the first
     * send until billing has stored them all, and on until the outbox has published every charge event.
     */
    private PipelineResult pipeline(String tenant, List<CallEnded> warm, List<CallEnded> events) throws Exception {
        try (Connection conn = DriverManager.getConnection(jdbcUrl, pgUser, pgPassword);
             KafkaProducer<String, String> producer = producer();
             PreparedStatement rated = conn.prepareStatement(
                     "SELECT count(*) FROM call_detail_record WHERE tenant_id = ? AND campaign_id = ?");
             PreparedStatement unpublished = conn.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND tenant_id = ?")) {
            rated.setString(1, tenant);
            unpublished.setString(1, tenant);
            rated.setString(2, warm.get(0).campaignId());
            produce(producer, records(Topics.CALL_EVENTS, warm));
            awaitCount(rated, warm.size(), System.nanoTime(), null);
            while (count(unpublished) > 0) {
                Thread.sleep(100);
            }

            rated.setString(2, events.get(0).campaignId());
            List<ProducerRecord<String, String>> records = records(Topics.CALL_EVENTS, events);
            long start = System.nanoTime();
            produce(producer, records);
            long[] at = new long[2]; // when 10% and 90% were rated
            long count = awaitCount(rated, events.size(), start, at);
            double ratedSeconds = (System.nanoTime() - start) / 1e9;
            while (count(unpublished) > 0) {
                Thread.sleep(50);
            }
            double steady = 0.8 * events.size() / ((at[1] - at[0]) / 1e9);
            return new PipelineResult(count, ratedSeconds, steady, (System.nanoTime() - start) / 1e9);
        }
    }

    private static long awaitCount(PreparedStatement rated, int n, long start, long[] marks) throws Exception {
        long deadline = start + Duration.ofMinutes(10).toNanos();
        long count;
        while ((count = count(rated)) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count + " of " + n + " calls rated after 10 minutes");
            }
            mark(marks, count, n);
            Thread.sleep(100); // each count reads the tenant's rows: polling faster would load the database under test
        }
        mark(marks, count, n);
        return count;
    }

    private static void mark(long[] marks, long count, int n) {
        if (marks == null) {
            return;
        }
        if (marks[0] == 0 && count >= n / 10) {
            marks[0] = System.nanoTime();
        }
        if (marks[1] == 0 && count >= n - n / 10) {
            marks[1] = System.nanoTime();
        }
    }

    private static long count(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
