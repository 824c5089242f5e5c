package io.waihu.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.waihu.events.wire.EventCatalog;
import io.waihu.events.wire.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Test access to the contract files: goldens, schemas, the AsyncAPI document. */
public final class Contract {

    public static final ObjectMapper JSON = EventJson.newMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig STRICT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private Contract() {
    }

    public static Stream<EventCatalog.Entry> entries() {
        return EventCatalog.all().stream();
    }

    public static String goldenText(String type) {
        return resource("golden/v1/" + type + ".json");
    }

    /** A fresh, mutable copy of a golden. */
    public static ObjectNode golden(String type) {
        try {
            return (ObjectNode) JSON.readTree(goldenText(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode schemaTree(String resource) {
        try {
            return JSON.readTree(resource(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> validate(String type, JsonNode instance) {
        JsonSchema schema = LOADED.computeIfAbsent(type, t -> SCHEMAS.getSchema(
                SchemaLocation.of("classpath:" + EventCatalog.require(t).schemaResource()), STRICT_FORMATS));
        return schema.validate(instance);
    }

    public static JsonNode asyncApi() {
        try {
            return new YAMLMapper().readTree(resource(EventCatalog.ASYNCAPI));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean resourceExists(String path) {
        return Contract.class.getClassLoader().getResource(path) != null;
    }

    public static String resource(String path) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
