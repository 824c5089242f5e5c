package io.waihu.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/** Checks made before anything starts, each failing with one line that says what to do. */
final class Preflight {

    static final int MIN_JAVA = 17;

    private Preflight() {
    }

    static void checkJava(int feature) {
        if (feature < MIN_JAVA) {
            throw StackException.usage("Java " + MIN_JAVA + " or newer is needed, this is Java " + feature
                    + " (set JAVA_HOME or PATH to a newer JDK)");
        }
    }

    /** Every port {@code up} will bind, with who binds it; the embedded servers' ports only when they run. */
    static Map<Integer, String> portsToBind(StackConfig config) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (ServiceDef service : config.services()) {
            ports.put(service.port(), service.name());
        }
        if (config.externalKafka().isEmpty()) {
            ports.put(StackConfig.KAFKA_PORT, "Kafka");
            ports.put(StackConfig.KAFKA_CONTROLLER_PORT, "Kafka controller");
        }
        if (config.externalPostgres().isEmpty()) {
            ports.put(StackConfig.POSTGRES_PORT, "PostgreSQL");
        }
        return ports;
    }

    static void checkPorts(Map<Integer, String> ports, IntPredicate isFree) {
        List<String> busy = new ArrayList<>();
        ports.forEach((port, owner) -> {
            if (!isFree.test(port)) {
                busy.add(port + " (" + owner + ")");
            }
        });
        if (busy.size() == 1) {
            throw StackException.usage("port " + busy.get(0) + " is already in use"
                    + " (another ./waihu up, or another program: stop it first)");
        }
        if (!busy.isEmpty()) {
            throw StackException.usage("ports " + String.join(", ", busy) + " are already in use"
                    + " (another ./waihu up, or another program: stop it first)");
        }
    }

    static void checkServiceJars(Path repoRoot, List<ServiceDef> services) {
        List<String> missing = services.stream()
                .filter(service -> !Files.isRegularFile(service.runJar(repoRoot)))
                .map(service -> repoRoot.relativize(service.runJar(repoRoot)).toString())
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new StackException(StackException.FAILURE, "not built yet: " + String.join(", ", missing)
                    + " (run ./waihu up --build, or mvn -DskipTests install in " + repoRoot + ")");
        }
    }
}
