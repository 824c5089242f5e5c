package io.waihu.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-node Apache Kafka broker in KRaft mode, running inside this JVM.
 * With a persistent log directory a restart resumes with the topics and offsets it had.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteOnClose, int port) {
        this.server = server;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
    }

    /** A throw-away broker on free ports, for tests. */
    public static EmbeddedKafka startEphemeral() throws Exception {
        int[] ports = Ports.free(2); // broker and controller: two listeners need two ports
        return start(Files.createTempDirectory("waihu-kafka-"), ports[0], ports[1], true);
    }

    /** A broker whose data survives a restart, for the local stack. */
    public static EmbeddedKafka startPersistent(Path logDir, int port, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        return start(logDir, port, controllerPort, false);
    }

    private static EmbeddedKafka start(Path logDir, int port, int controllerPort, boolean deleteOnClose) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr")) {
            props.put(key, "1");
        }
        props.put("offsets.topic.num.partitions", "6");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "3");
        // tariff routing views of large decks exceed Kafka's 1 MB default
        props.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
        KafkaConfig config = new KafkaConfig(props);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, logDir, deleteOnClose, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            Directories.deleteRecursively(logDir);
        }
    }
}
