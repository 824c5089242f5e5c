package io.waihu.platform.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.events.wire.EventJson;

/**
 * JSONB columns: written as text and cast in SQL ({@code $n::text::jsonb}, since the driver would store a Java String
 * as a JSON string), read back with the events' mapper (exact decimals, ISO instants). Null stays null.
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private JsonColumns() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }

    public static <T> T read(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }
}
