package io.waihu.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.waihu.events.wire.EventCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The records, the JSON Schemas, the topic interfaces and the catalog say the same thing. */
class ContractAgreementTest {

    private static final String COMMON = "common.schema.json#/$defs/";

    static List<EventCatalog.Entry> entries() {
        return EventCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void recordAndSchemaAgreeOnPropertiesAndRequired(EventCatalog.Entry entry) {
        JsonNode schema = Contract.schemaTree(entry.schemaResource());

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("additionalProperties").asBoolean()).as("forward compatible").isTrue();
        assertAgree(entry.eventClass(), schema, schema);
    }

    /** Checks a record against an object schema, then every nested record against its $defs entry. */
    private static void assertAgree(Class<?> recordClass, JsonNode objectSchema, JsonNode document) {
        String where = recordClass.getSimpleName();
        assertThat(names(objectSchema.get("properties").fieldNames()))
                .as("%s: schema properties vs Jackson properties", where)
                .isEqualTo(jacksonPropertyNames(recordClass));
        Set<String> required = new LinkedHashSet<>();
        objectSchema.get("required").forEach(node -> required.add(node.asText()));
        assertThat(required).as("%s: schema required vs components without @OptionalField", where)
                .isEqualTo(Arrays.stream(recordClass.getRecordComponents())
                        .filter(component -> !component.isAnnotationPresent(OptionalField.class))
                        .map(RecordComponent::getName).collect(Collectors.toCollection(LinkedHashSet::new)));

        for (RecordComponent component : recordClass.getRecordComponents()) {
            JsonNode property = unwrapOptional(objectSchema.get("properties").get(component.getName()));
            Class<?> target = elementClass(component);
            if (target.isEnum()) {
                JsonNode values = (property.has("items") ? property.get("items") : property).get("enum");
                assertThat(names(values)).as("%s.%s enum", where, component.getName())
                        .isEqualTo(Arrays.stream(target.getEnumConstants()).map(Object::toString).toList());
            } else if (target == Money.class) {
                assertThat(property.get("$ref").asText()).isEqualTo(COMMON + "Money");
            } else if (target.isRecord()) {
                JsonNode ref = property.has("items") ? property.get("items").get("$ref") : property.get("$ref");
                assertThat(ref.asText()).as("%s.%s", where, component.getName())
                        .isEqualTo("#/$defs/" + target.getSimpleName());
                assertAgree(target, document.get("$defs").get(target.getSimpleName()), document);
            }
        }
    }

    @Test
    void moneyAgreesWithTheSharedDefinition() {
        JsonNode common = Contract.schemaTree(EventCatalog.SCHEMA_FOLDER + "common.schema.json");

        assertAgree(Money.class, common.get("$defs").get("Money"), common);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void headerComesFirstThenTheKey(EventCatalog.Entry entry) {
        List<String> components = Arrays.stream(entry.eventClass().getRecordComponents())
                .map(RecordComponent::getName).toList();

        assertThat(components.subList(0, 6)).containsExactly("eventId", "type", "occurredAt", "tenantId",
                "schemaVersion", entry.topicSpec().keyField());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void typeConstantMatchesTheClassAndSchema(EventCatalog.Entry entry) throws ReflectiveOperationException {
        JsonNode schema = Contract.schemaTree(entry.schemaResource());

        assertThat(entry.eventClass().getField("TYPE").get(null)).isEqualTo(entry.eventClass().getSimpleName());
        assertThat(schema.get("title").asText()).isEqualTo(entry.type());
        assertThat(schema.get("properties").get("type").get("const").asText()).isEqualTo(entry.type());
        assertThat(schema.get("properties").get("schemaVersion").get("const").asInt()).isEqualTo(WaihuEvent.SCHEMA_VERSION);
    }

    @Test
    void everyTopicFamilyIsSealedOverExactlyItsCatalogedEvents() {
        for (TopicSpec topic : Topics.all()) {
            Class<? extends WaihuEvent> family = topic.eventInterface();
            Set<Class<?>> cataloged = EventCatalog.onTopic(topic.name()).stream()
                    .map(EventCatalog.Entry::eventClass).collect(Collectors.toSet());
            Set<Class<?>> subtypes = Arrays.stream(family.getAnnotation(JsonSubTypes.class).value())
                    .map(JsonSubTypes.Type::value).collect(Collectors.toSet());
            Set<String> subtypeNames = Arrays.stream(family.getAnnotation(JsonSubTypes.class).value())
                    .map(JsonSubTypes.Type::name).collect(Collectors.toSet());

            assertThat(family.isSealed()).isTrue();
            assertThat(Set.of(family.getPermittedSubclasses())).as(topic.name()).isEqualTo(cataloged);
            assertThat(subtypes).as(topic.name()).isEqualTo(cataloged);
            assertThat(subtypeNames).isEqualTo(cataloged.stream().map(Class::getSimpleName).collect(Collectors.toSet()));
            assertThat(cataloged).isNotEmpty();
        }
    }

    @Test
    void catalogCoversEveryTopicAndNothingElse() {
        assertThat(EventCatalog.all()).extracting(EventCatalog.Entry::topic).allSatisfy(topic ->
                assertThat(Topics.all()).extracting(TopicSpec::name).contains(topic));
        assertThat(EventCatalog.all()).hasSize(24);
        assertThat(new HashSet<>(EventCatalog.all().stream().map(EventCatalog.Entry::type).toList())).hasSize(24);
    }

    @Test
    void schemaFolderHoldsExactlyTheCatalogedSchemasAndCommon() throws IOException, URISyntaxException {
        Path folder = Path.of(ContractAgreementTest.class.getClassLoader().getResource("schemas/v1").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(path -> EventCatalog.SCHEMA_FOLDER + path.getFileName()).collect(Collectors.toSet());
        }
        Set<String> expected = EventCatalog.all().stream().map(EventCatalog.Entry::schemaResource)
                .collect(Collectors.toCollection(HashSet::new));
        expected.add(EventCatalog.SCHEMA_FOLDER + "common.schema.json");

        assertThat(files).isEqualTo(expected);
    }

    @Test
    void goldenFolderHoldsOneGoldenPerEvent() throws IOException, URISyntaxException {
        Path folder = Path.of(ContractAgreementTest.class.getClassLoader().getResource("golden/v1").toURI());
        try (Stream<Path> list = Files.list(folder)) {
            assertThat(list.map(path -> path.getFileName().toString().replace(".json", "")).collect(Collectors.toSet()))
                    .isEqualTo(EventCatalog.all().stream().map(EventCatalog.Entry::type).collect(Collectors.toSet()));
        }
    }

    private static Set<String> jacksonPropertyNames(Class<?> recordClass) {
        JavaType type = Contract.JSON.constructType(recordClass);
        BeanDescription description = Contract.JSON.getSerializationConfig().introspect(type);
        return description.findProperties().stream().map(BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static JsonNode unwrapOptional(JsonNode property) {
        if (property.has("anyOf")) {
            for (JsonNode option : property.get("anyOf")) {
                if (!"null".equals(option.path("type").asText())) {
                    return option;
                }
            }
        }
        return property;
    }

    /** The component's type, or a List's element type. */
    private static Class<?> elementClass(RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized && component.getType() == List.class) {
            return (Class<?>) parameterized.getActualTypeArguments()[0];
        }
        return component.getType();
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static Set<String> names(java.util.Iterator<String> iterator) {
        Set<String> out = new LinkedHashSet<>();
        iterator.forEachRemaining(out::add);
        return out;
    }
}
