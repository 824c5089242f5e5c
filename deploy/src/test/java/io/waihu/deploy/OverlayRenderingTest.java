package io.waihu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.waihu.deploy.DeployManifestTest.K8S;
import static io.waihu.deploy.DeployManifestTest.container;
import static io.waihu.deploy.DeployManifestTest.env;
import static io.waihu.deploy.DeployManifestTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders both overlays with kubectl's built-in kustomize (offline, no cluster) and checks what only the rendered
 * whole shows: every referenced ConfigMap and Secret exists or is one the SRE makes, and the in-cluster Kafka and
 * PostgreSQL are where the settings say. Skipped, saying so, where kubectl is not installed.
 */
class OverlayRenderingTest {

    private static List<JsonNode> local;
    private static List<JsonNode> prod;

    @BeforeAll
    static void render() throws Exception {
        assumeTrue(kubectl() != null, "kubectl is not on the PATH: the overlays are not rendered here");
        local = render("local");
        prod = render("prod");
    }

    @Test
    void everythingLandsInTheWaihuNamespace() {
        for (List<JsonNode> objects : List.of(local, prod)) {
            for (JsonNode object : objects) {
                if (!object.get("kind").asText().equals("Namespace")) {
                    assertThat(object.at("/metadata/namespace").asText()).as(name(object)).isEqualTo("waihu");
                }
            }
        }
    }

    @Test
    void everyReferencedConfigMapAndSecretExistsOrIsMadeByTheSre() {
        assertReferencesResolve(local, Set.of("waihu-jwt"));
        assertReferencesResolve(prod, Set.of("waihu-jwt", "waihu-db"));
        assertThat(prod).as("production never carries generated credentials").noneMatch(o -> kind(o, "Secret"));
    }

    @Test
    void theLocalOverlayRunsKafkaAndPostgresWhereTheSettingsPointAndProdRunsNeither() {
        assertThat(prod).noneMatch(o -> kind(o, "StatefulSet"));
        JsonNode settings = find(local, "ConfigMap", "waihu-config").get("data");
        String[] bootstrap = settings.get("KAFKA_BOOTSTRAP_SERVERS").asText().split(":");
        assertThat(port(find(local, "Service", bootstrap[0]))).isEqualTo(Integer.parseInt(bootstrap[1]));
        assertThat(port(find(local, "Service", settings.get("WAIHU_DB_HOST").asText())))
                .isEqualTo(settings.get("WAIHU_DB_PORT").asInt());
        JsonNode kafka = container(find(local, "StatefulSet", "kafka"), "kafka");
        assertThat(env(kafka).get("KAFKA_ADVERTISED_LISTENERS").get("value").asText())
                .isEqualTo("PLAINTEXT://" + settings.get("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertThat(settings.get("KAFKA_REPLICATION_FACTOR").asInt()).as("one in-cluster broker").isEqualTo(1);
        assertThat(find(prod, "ConfigMap", "waihu-config").at("/data/KAFKA_REPLICATION_FACTOR").asInt()).isEqualTo(3);
    }

    private static void assertReferencesResolve(List<JsonNode> objects, Set<String> madeBySre) {
        Set<String> configMaps = new HashSet<>();
        Set<String> secrets = new HashSet<>(madeBySre);
        for (JsonNode object : objects) {
            if (kind(object, "ConfigMap")) {
                configMaps.add(object.at("/metadata/name").asText());
            } else if (kind(object, "Secret")) {
                secrets.add(object.at("/metadata/name").asText());
            }
        }
        List<String> referenced = new ArrayList<>();
        for (JsonNode object : objects) {
            JsonNode pod = kind(object, "Job") || kind(object, "Deployment") || kind(object, "StatefulSet")
                    ? object.at("/spec/template/spec") : null;
            if (pod == null) {
                continue;
            }
            for (JsonNode container : pod.get("containers")) {
                for (JsonNode variable : container.path("env")) {
                    check(variable.at("/valueFrom/configMapKeyRef/name"), configMaps, object, referenced);
                    check(variable.at("/valueFrom/secretKeyRef/name"), secrets, object, referenced);
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                check(volume.at("/configMap/name"), configMaps, object, referenced);
                check(volume.at("/secret/secretName"), secrets, object, referenced);
            }
        }
        assertThat(referenced).as("the check saw references").isNotEmpty();
    }

    private static void check(JsonNode name, Set<String> existing, JsonNode user, List<String> referenced) {
        if (!name.isMissingNode()) {
            assertThat(existing).as("%s refers to %s", name(user), name.asText()).contains(name.asText());
            referenced.add(name.asText());
        }
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind(o, kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static int port(JsonNode service) {
        return service.at("/spec/ports/0/port").asInt();
    }

    private static boolean kind(JsonNode object, String kind) {
        return object.get("kind").asText().equals(kind);
    }

    private static String name(JsonNode object) {
        return object.get("kind").asText() + "/" + object.at("/metadata/name").asText();
    }

    private static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Path out = Files.createTempFile("waihu-" + overlay, ".yaml");
        Process process = new ProcessBuilder(kubectl().toString(), "kustomize", K8S.resolve("overlays/" + overlay).toString())
                .redirectOutput(out.toFile()).redirectErrorStream(false).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kustomize finished").isTrue();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", overlay, errors).isZero();
        try {
            return yaml(Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
