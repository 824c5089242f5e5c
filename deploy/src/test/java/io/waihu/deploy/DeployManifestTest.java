package io.waihu.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.waihu.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps deploy/k8s true to the code: what a manifest says about a service (port, database, settings it reads, topics it
 * needs) is checked against that service's own configuration and the event contracts, so a change on one side that is
 * not made on the other fails the build. Schema validity is checked by deploy/k8s/validate.sh (needs npm), rendering
 * by {@link OverlayRenderingTest} (needs kubectl).
 */
class DeployManifestTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Settings consumed by another variable's $(NAME) or by the JVM itself, not by Quarkus's configuration. */
    private static final Set<String> NOT_CONFIG_KEYS = Set.of("WAIHU_DB_HOST", "WAIHU_DB_PORT", "JAVA_TOOL_OPTIONS");
    /** MicroProfile JWT reads it; no properties file sets it because its value is a file only a deployment has. */
    private static final Set<String> STANDARD_KEYS = Set.of("mp.jwt.verify.publickey.location");

    @Test
    void theTopicJobCreatesEveryTopicAndDeadLetterTopicOfTheContracts() throws IOException {
        Map<String, Integer> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(K8S.resolve("base/topics.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            assertThat(parts).as("line '%s' is '<topic> <partitions>'", line).hasSize(2);
            assertThat(listed.put(parts[0], Integer.parseInt(parts[1]))).as("%s listed twice", parts[0]).isNull();
        }
        assertThat(listed).isEqualTo(Topics.withDeadLetterTopics());
    }

    @Test
    void everyServiceModuleHasItsManifestsAndTheBaseDeploysThem() throws IOException {
        Set<String> modules = serviceModules();
        assertThat(modules).containsExactlyInAnyOrder(
                "campaign-service", "dialer-service", "billing-service", "analytics-service");
        try (Stream<Path> dirs = Files.list(K8S.resolve("services"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(modules);
        }
        List<String> resources = new ArrayList<>();
        yaml(K8S.resolve("base/kustomization.yaml")).get(0).get("resources").forEach(r -> resources.add(r.asText()));
        for (String service : modules) {
            assertThat(resources).contains("../services/" + service);
        }
    }

    @Test
    void eachDeploymentServesOnTheServicesPortWithItsHealthProbesAndMetrics() throws IOException {
        for (String service : serviceModules()) {
            int port = Integer.parseInt(serviceProperties(service).getProperty("quarkus.http.port"));
            JsonNode deployment = only(service, "deployment.yaml");
            JsonNode container = container(deployment, service);
            assertThat(container.at("/ports/0/containerPort").asInt()).as(service).isEqualTo(port);
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
            assertThat(annotations.get("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            assertThat(annotations.get("prometheus.io/port").asText()).isEqualTo(Integer.toString(port));
            deployment.at("/spec/selector/matchLabels").fields().forEachRemaining(label -> assertThat(
                    deployment.at("/spec/template/metadata/labels").get(label.getKey())).isEqualTo(label.getValue()));

            JsonNode svc = only(service, "service.yaml");
            assertThat(svc.at("/spec/ports/0/port").asInt()).as(service).isEqualTo(port);
            assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            assertThat(svc.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseAndTheClusterPostgresCreatesExactlyThose() throws IOException {
        Set<String> databases = new TreeSet<>();
        for (String service : serviceModules()) {
            String database = serviceProperties(service).getProperty("waihu.db.name");
            String url = env(container(only(service, "deployment.yaml"), service)).get("WAIHU_DB_URL").get("value").asText();
            assertThat(url).as(service).isEqualTo("postgresql://$(WAIHU_DB_HOST):$(WAIHU_DB_PORT)/" + database);
            assertThat(databases.add(database)).as("%s shares a database", service).isTrue();
        }
        JsonNode init = yaml(K8S.resolve("infra/postgres.yaml")).stream()
                .filter(d -> d.get("kind").asText().equals("ConfigMap")).findFirst().orElseThrow();
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("CREATE DATABASE (\\w+);").matcher(init.at("/data/databases.sql").asText());
        while (m.find()) {
            created.add(m.group(1));
        }
        assertThat(created).isEqualTo(databases);
    }

    @Test
    void everyVariableIsASettingTheServiceReadsAndEveryReferenceResolves() throws IOException {
        Set<String> baseKeys = fieldNames(configMap(K8S.resolve("base/config.yaml")).get("data"));
        Set<String> prodKeys = fieldNames(configMap(K8S.resolve("overlays/prod/config.yaml")).get("data"));
        assertThat(prodKeys).as("the prod overlay sets every shared setting").isEqualTo(baseKeys);
        Properties platform = load(ROOT.resolve(
                "service-platform/src/main/resources/META-INF/microprofile-config.properties"));
        List<JsonNode> containers = new ArrayList<>();
        for (String service : serviceModules()) {
            Properties own = serviceProperties(service);
            JsonNode container = container(only(service, "deployment.yaml"), service);
            containers.add(container);
            for (String name : env(container).keySet()) {
                if (NOT_CONFIG_KEYS.contains(name)) {
                    continue;
                }
                // MicroProfile Config's environment rule: FOO_BAR_BAZ is the variable of foo.bar.baz.
                String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
                assertThat(platform.containsKey(key) || own.containsKey(key) || STANDARD_KEYS.contains(key))
                        .as("%s sets %s, which %s does not read", service, name, service).isTrue();
            }
        }
        containers.add(container(yaml(K8S.resolve("base/topics-job.yaml")).get(0).at("/spec/template"), "create-topics"));
        for (JsonNode container : containers) {
            for (JsonNode variable : env(container).values()) {
                JsonNode configRef = variable.at("/valueFrom/configMapKeyRef");
                if (!configRef.isMissingNode()) {
                    assertThat(configRef.get("name").asText()).isEqualTo("waihu-config");
                    assertThat(baseKeys).contains(configRef.get("key").asText());
                }
                JsonNode secretRef = variable.at("/valueFrom/secretKeyRef");
                if (!secretRef.isMissingNode()) {
                    assertThat(secretRef.get("name").asText()).isEqualTo("waihu-db");
                    assertThat(secretRef.get("key").asText()).isIn("username", "password");
                }
                Matcher m = Pattern.compile("\\$\\((\\w+)\\)").matcher(variable.path("value").asText());
                while (m.find()) {
                    // Kubernetes expands $(NAME) only from variables defined before it in the same list.
                    List<String> names = new ArrayList<>(env(container).keySet());
                    assertThat(names.indexOf(m.group(1))).as("%s defined before its use", m.group(1))
                            .isBetween(0, names.indexOf(variable.get("name").asText()) - 1);
                }
            }
        }
    }

    @Test
    void theDialerRunsAloneBecauseOneProcessOwnsTheAgentBoard() throws IOException {
        // dialer-service's AgentBoard: the live state of every agent is held by the one process that paces calls.
        JsonNode dialer = only("dialer-service", "deployment.yaml");
        assertThat(dialer.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(dialer.at("/spec/strategy/type").asText()).as("never two dialers side by side").isEqualTo("Recreate");
    }

    @Test
    void theImageRecipeCopiesQuarkussFastJarOfTheService() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile.jvm"));
        for (String part : List.of("lib/", "app/", "quarkus/", "quarkus-run.jar")) {
            assertThat(dockerfile).contains("COPY --chown=185 ${SERVICE}/target/quarkus-app/" + part);
        }
        for (String service : serviceModules()) {
            // Another package type (uber-jar, native) would not have the quarkus-app layout the recipe copies.
            assertThat(serviceProperties(service).stringPropertyNames())
                    .noneMatch(k -> k.startsWith("quarkus.package."));
            assertThat(container(only(service, "deployment.yaml"), service).at("/securityContext/readOnlyRootFilesystem")
                    .asBoolean()).isTrue();
        }
        assertThat(dockerfile).contains("USER 185");
    }

    static Set<String> serviceModules() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([\\w-]+-service)</module>").matcher(parent);
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    static List<JsonNode> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readAll(YAML.getFactory().createParser(reader));
        }
    }

    static List<JsonNode> yaml(String text) throws IOException {
        return readAll(YAML.getFactory().createParser(text));
    }

    private static List<JsonNode> readAll(com.fasterxml.jackson.core.JsonParser parser) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
            if (d != null && !d.isNull() && !d.isEmpty()) {
                documents.add(d);
            }
        });
        return documents;
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        container.path("env").forEach(v -> byName.put(v.get("name").asText(), v));
        return byName;
    }

    static JsonNode container(JsonNode workload, String name) {
        JsonNode spec = workload.has("spec") && workload.get("spec").has("template")
                ? workload.at("/spec/template/spec") : workload.get("spec");
        for (JsonNode container : spec.get("containers")) {
            if (container.get("name").asText().equals(name)) {
                return container;
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static JsonNode only(String service, String file) throws IOException {
        List<JsonNode> documents = yaml(K8S.resolve("services").resolve(service).resolve(file));
        assertThat(documents).as(file).hasSize(1);
        return documents.get(0);
    }

    private static JsonNode configMap(Path file) throws IOException {
        JsonNode map = yaml(file).get(0);
        assertThat(map.get("kind").asText()).isEqualTo("ConfigMap");
        return map;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Properties serviceProperties(String service) throws IOException {
        return load(ROOT.resolve(service).resolve("src/main/resources/application.properties"));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}
