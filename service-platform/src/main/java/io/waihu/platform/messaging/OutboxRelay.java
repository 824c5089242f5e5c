package io.waihu.platform.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows in id order on a thread of its own and marks them published once Kafka has acknowledged
 * them. Rows are claimed with FOR UPDATE SKIP LOCKED so replicas share the work; a crash before the mark means a
 * re-send, which the idempotent consumers absorb (at-least-once).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;
    private static final int SWEEP_CHUNK = 10_000;

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final long pollMillis;
    private final MeterRegistry meters;
    private final java.time.Duration retention;
    private ScheduledExecutorService executor;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(DataSource dataSource,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "waihu.outbox.poll-millis", defaultValue = "100") long pollMillis,
                       @ConfigProperty(name = "waihu.outbox.retention", defaultValue = "P3D") java.time.Duration retention,
                       MeterRegistry meters) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.bootstrapServers = bootstrapServers;
        this.pollMillis = pollMillis;
        this.meters = meters;
    }

    void start(@Observes StartupEvent ignored) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a routing view of a large tariff deck is several megabytes; the topic must allow it too (docs/events.md)
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "waihu-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::drain, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::sweep, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    private void drain() {
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == BATCH);
        } catch (Exception e) {
            // the rows stay unpublished and the next tick tries again
            LOG.warnf("outbox relay: %s", e.getMessage());
        }
    }

    /**
     * Published rows are kept for a while (to see what went out) and then deleted, so the table does not grow
     * without bound; in small chunks, so the relay is never held up for long.
     */
    private void sweep() {
        try {
            int deleted;
            do {
                deleted = deletePublishedBefore(java.time.Instant.now().minus(retention));
            } while (deleted == SWEEP_CHUNK);
        } catch (Exception e) {
            LOG.warnf("outbox sweep: %s", e.getMessage());
        }
    }

    /** @return how many published rows older than the cutoff were deleted (at most one chunk) */
    public int deletePublishedBefore(java.time.Instant cutoff) throws Exception {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement delete = conn.prepareStatement("DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event "
                     + "WHERE published_at < ? ORDER BY id LIMIT " + SWEEP_CHUNK + ")")) {
            delete.setObject(1, java.time.OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC));
            int deleted = delete.executeUpdate();
            meters.counter("waihu.outbox.swept").increment(deleted);
            return deleted;
        }
    }

    /** @return how many rows were published */
    int relayBatch() throws Exception {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement select = conn.prepareStatement(
                        "SELECT id, topic, record_key, payload, headers::text FROM outbox_event "
                                + "WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                     ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4));
                        Map<String, String> headers = JSON.readValue(rs.getString(5), new TypeReference<Map<String, String>>() { });
                        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                        acks.add(producer.send(record));
                    }
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement mark = conn.prepareStatement(
                            "UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)")) {
                        mark.setArray(1, conn.createArrayOf("bigint", ids.toArray()));
                        mark.executeUpdate();
                    }
                }
                conn.commit();
                meters.counter("waihu.outbox.published").increment(ids.size());
                return ids.size();
            } catch (Exception e) {
                conn.rollback();
                throw e;
            }
        }
    }
}
