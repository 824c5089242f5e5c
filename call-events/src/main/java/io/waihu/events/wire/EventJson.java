package io.waihu.events.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.waihu.events.InvalidEventException;
import io.waihu.events.WaihuEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON format of Waihu events. Thread-safe; use it on both sides of every topic rather than a
 * framework's default mapper, because the exactness rules live here: instants as ISO-8601 UTC strings,
 * BigDecimal never through double, unknown fields ignored (v1 is additive), missing required fields and
 * nulls for numbers rejected.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();
    /**
     * For the one-pass read only: it refuses a number or boolean where text is expected, which the tree path accepts
     * and writes in its own form (1e400 becomes "1E+400"), so such a text is read through the tree as before.
     */
    private static final ObjectMapper DIRECT = textOnlyForText(newMapper());
    private static final Pattern MISSING_CREATOR_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");

    private EventJson() {
    }

    /** A fresh mapper configured like the one used here, e.g. for a Kafka serde or a REST layer. */
    public static ObjectMapper newMapper() {
        return settings()
                // registered after jsr310's, so it is asked first for Instant
                .addModule(new SimpleModule("waihu-utc-instants")
                        .addDeserializer(Instant.class, new UtcInstantDeserializer()))
                .build();
    }

    private static ObjectMapper textOnlyForText(ObjectMapper mapper) {
        MutableCoercionConfig text = mapper.coercionConfigFor(LogicalType.Textual);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            text.setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** The format's rules with jsr310's own Instant reader (the test compares the fast reader with it). */
    static JsonMapper.Builder settings() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .annotationIntrospector(AnnotationIntrospector.pair(
                        new RequiredUnlessOptional(), new JacksonAnnotationIntrospector()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // consumers on v1 must tolerate fields added later
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    public static String write(WaihuEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(event.type(), "", "cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] writeBytes(WaihuEvent event) {
        return write(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads JSON as {@code type}: a record class, or a topic's sealed interface (e.g. {@code CallEvent})
     * to let the "type" field choose the record.
     *
     * @throws EventFormatException naming the offending field
     */
    public static <T> T read(String json, Class<T> type) {
        T direct = readDirect(json, type);
        return direct != null ? direct : readViaTree(json, type);
    }

    /** {@link #read(String, Class)} through a tree: slower, and the one that decides every error. */
    static <T> T readViaTree(String json, Class<T> type) {
        String label = type.getSimpleName();
        if (json == null) {
            throw new EventFormatException(label, "", "no data (null message)", null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new EventFormatException(label, "", "malformed JSON: " + e.getOriginalMessage(), e);
        }
        return convert(tree, type);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return read(json == null ? null : new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * As {@link #read(String, Class)}, but empty when the "type" is one this version of the contract does
     * not know: a producer may add event types to a v1 topic, and older consumers skip them rather than
     * dead-letter them. A known type that is not in {@code family} (wrong topic) still fails.
     */
    public static <T> Optional<T> readIfKnown(String json, Class<T> family) {
        T direct = readDirect(json, family);
        return direct != null ? Optional.of(direct) : readIfKnownViaTree(json, family);
    }

    /** {@link #readIfKnown(String, Class)} through a tree: slower, and the one that decides unknown types and errors. */
    static <T> Optional<T> readIfKnownViaTree(String json, Class<T> family) {
        String label = family.getSimpleName();
        if (json == null) {
            throw new EventFormatException(label, "", "no data (null message)", null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new EventFormatException(label, "", "malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode typeNode = tree == null ? null : tree.get("type");
        if (typeNode != null && typeNode.isTextual() && EventCatalog.find(typeNode.asText()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(convert(tree, family));
    }

    public static <T> Optional<T> readIfKnown(byte[] json, Class<T> family) {
        return readIfKnown(json == null ? null : new String(json, StandardCharsets.UTF_8), family);
    }

    /**
     * The event bound straight from the text, or null if that fails in any way. A well-formed event, the common case,
     * is read in one pass; the caller reads anything else again through a tree, which skips unknown types and words
     * the error exactly (a tree costs about a third of reading an event).
     */
    private static <T> T readDirect(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return DIRECT.readValue(json, type);
        } catch (JacksonException | RuntimeException e) {
            return null;
        }
    }

    /** Reads any Waihu event, choosing the record from its "type" field via the {@link EventCatalog}. */
    public static WaihuEvent readAny(String json) {
        JsonNode tree;
        try {
            tree = json == null ? null : MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new EventFormatException("WaihuEvent", "", "malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode typeNode = tree == null ? null : tree.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new EventFormatException("WaihuEvent", "type", "is required", null);
        }
        var entry = EventCatalog.find(typeNode.asText()).orElseThrow(() -> new EventFormatException(
                "WaihuEvent", "type", "unknown event type '" + typeNode.asText() + "'", null));
        return convert(tree, entry.eventClass());
    }

    /** Converts an already parsed tree, with the same errors as {@link #read(String, Class)}. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        String label = type.getSimpleName();
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new EventFormatException(label, "", "no data (empty or null document)", null);
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode != null && typeNode.isTextual() && EventCatalog.find(typeNode.asText()).isPresent()) {
            label = typeNode.asText();
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw formatError(label, e);
        } catch (IOException e) {
            throw new EventFormatException(label, "", e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(label, "", e.getMessage(), e);
        }
    }

    private static EventFormatException formatError(String label, JsonMappingException e) {
        String path = pathOf(e.getPath());
        String problem = firstLine(e.getOriginalMessage());
        InvalidEventException invalid = findInvalidEvent(e);
        if (invalid != null) {
            return new EventFormatException(label, join(path, invalid.field()), invalid.problem(), e);
        }
        Matcher missing = MISSING_CREATOR_PROPERTY.matcher(problem);
        if (e instanceof MismatchedInputException && missing.find()) {
            // Jackson usually has the missing property in the path already
            String field = missing.group(1);
            boolean inPath = path.equals(field) || path.endsWith("." + field);
            return new EventFormatException(label, inPath ? path : join(path, field), "is required", e);
        }
        if (e instanceof InvalidTypeIdException && path.isEmpty()) {
            return new EventFormatException(label, "type", problem, e);
        }
        return new EventFormatException(label, path, problem, e);
    }

    private static InvalidEventException findInvalidEvent(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String prefix, String field) {
        if (prefix.isEmpty()) {
            return field;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
