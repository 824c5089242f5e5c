package io.waihu.testsupport;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers variant, used only where a Docker engine answers. */
final class ContainerInfrastructure {

    private static final Logger LOG = Logger.getLogger(ContainerInfrastructure.class);

    private ContainerInfrastructure() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
    static TestInfrastructure.Running start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
        kafka.start();
        postgres.start();
        LOG.infof("Test infrastructure: started Kafka and PostgreSQL containers (Docker engine found)");
        return new TestInfrastructure.Running(kafka.getBootstrapServers(), postgres.getHost(),
                postgres.getMappedPort(5432), postgres.getDatabaseName(), postgres.getUsername(),
                postgres.getPassword(), "testcontainers");
    }
}
