package io.waihu.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.waihu.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes one record of a batch to its consumer's dead-letter topic, with the headers SmallRye's dead-letter-queue
 * strategy writes for a single record. A batch channel cannot use that strategy: it would dead-letter the whole
 * poll for one bad record.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrapServers;
    private final String service;
    private final MeterRegistry meters;
    private KafkaProducer<String, String> producer;
    private ExecutorService sender;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "quarkus.application.name") String service, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.service = service;
        this.meters = meters;
    }

    /**
     * Completes once Kafka has the dead letter, so the record's offset is committed only after it is kept; on the
     * caller's Vert.x context when it has one, else on a worker thread, never on the producer's I/O thread.
     */
    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable cause) {
        String topic = Topics.dlq(record.topic(), service);
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header h : record.headers()) {
            letter.headers().add(h);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        letter.headers().add(Topics.DLQ_REASON_HEADER, utf8(reason));
        letter.headers().add("dead-letter-exception-class-name", utf8(cause.getClass().getName()));
        if (cause.getCause() != null) {
            letter.headers().add("dead-letter-cause-class-name", utf8(cause.getCause().getClass().getName()));
            if (cause.getCause().getMessage() != null) {
                letter.headers().add("dead-letter-cause", utf8(cause.getCause().getMessage()));
            }
        }
        letter.headers().add("dead-letter-topic", utf8(record.topic()));
        letter.headers().add("dead-letter-partition", utf8(String.valueOf(record.partition())));
        letter.headers().add("dead-letter-offset", utf8(String.valueOf(record.offset())));
        LOG.warnf("%s[%d]@%d key %s goes to %s: %s", record.topic(), record.partition(), record.offset(), record.key(), topic, reason);
        return Uni.createFrom().<Void>emitter(em -> {
            // the caller's chain goes on where it was: a producer callback runs on the producer's one I/O thread, and
            // a next dead letter sent from there to a topic not yet in the producer's metadata blocked that thread,
            // the one that fetches metadata, until max.block.ms (60 s) failed it and the poll went to the last resort
            Context caller = Vertx.currentContext();
            Executor resume = caller != null ? task -> caller.runOnContext(ignored -> task.run()) : Infrastructure.getDefaultExecutor();
            // send() itself may wait for the topic's metadata: never on an event loop; one thread keeps the letters
            // in the order they were asked for
            sender().execute(() -> {
                try {
                    producer().send(letter, (metadata, failure) -> resume.execute(() -> {
                        if (failure != null) {
                            em.fail(failure);
                        } else {
                            meters.counter("waihu.events.dead-lettered", "topic", record.topic()).increment();
                            em.complete(null);
                        }
                    }));
                } catch (RuntimeException e) {
                    resume.execute(() -> em.fail(e));
                }
            });
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Created on first use: most services never dead-letter anything. */
    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private synchronized ExecutorService sender() {
        if (sender == null) {
            sender = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "waihu-dead-letters");
                t.setDaemon(true);
                return t;
            });
        }
        return sender;
    }

    synchronized void stop(@Observes ShutdownEvent ignored) {
        if (sender != null) {
            sender.shutdown();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
