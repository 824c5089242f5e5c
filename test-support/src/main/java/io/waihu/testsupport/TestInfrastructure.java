package io.waihu.testsupport;

import io.waihu.infra.DockerDetection;
import io.waihu.infra.EmbeddedKafka;
import io.waihu.infra.EmbeddedPostgresServer;
import io.waihu.infra.TopicProvisioner;
import io.waihu.events.Topics;
import org.jboss.logging.Logger;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 * With a Docker engine present Testcontainers runs them; without one they run in-process from Maven Central jars.
 */
public final class TestInfrastructure {

    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class);
    private static volatile Running running;

    /** What the services' test configuration needs to reach the broker and the database. */
    public record Running(String kafkaBootstrapServers, String postgresHost, int postgresPort,
                          String database, String user, String password, String mode) {

        public String reactiveUrl() {
            return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
        }

        public String jdbcUrl() {
            return "jdbc:" + reactiveUrl();
        }
    }

    private TestInfrastructure() {
    }

    public static Running get() {
        Running current = running;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = running;
                if (current == null) {
                    current = start();
                    running = current;
                }
            }
        }
        return current;
    }

    private static Running start() {
        try {
            Running started = DockerDetection.engineLikelyPresent() && ContainerInfrastructure.dockerAvailable()
                    ? ContainerInfrastructure.start() : startEmbedded();
            // as in production, every topic and DLQ exists before a consumer subscribes
            TopicProvisioner.ensure(started.kafkaBootstrapServers(), Topics.withDeadLetterTopics());
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker and PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Running startEmbedded() throws Exception {
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
        long t1 = System.nanoTime();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startEphemeral();
        long t2 = System.nanoTime();
        LOG.infof("Test infrastructure: started embedded Kafka KRaft broker at %s in %d ms; "
                        + "started embedded PostgreSQL on port %d in %d ms",
                kafka.bootstrapServers(), (t1 - t0) / 1_000_000, postgres.port(), (t2 - t1) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(postgres);
            closeQuietly(kafka);
        }, "waihu-test-infra-stop"));
        return new Running(kafka.bootstrapServers(), "127.0.0.1", postgres.port(), "postgres",
                EmbeddedPostgresServer.SUPERUSER, "postgres", "embedded");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debugf("stopping %s: %s", closeable, e.getMessage());
        }
    }
}
