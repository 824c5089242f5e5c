package io.waihu.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Contract checks used by the events' compact constructors. Each failure is an
 * {@link InvalidEventException} naming the field, so a bad message is rejected where it is read
 * (and dead-lettered with a useful reason) instead of surfacing later as a null or a wrong charge.
 */
public final class Require {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{0,15}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Require() {
    }

    /** The common header: present, the record's own type name, a non-blank tenant, version 1. */
    public static void header(UUID eventId, String type, String expectedType, Instant occurredAt,
                              String tenantId, int schemaVersion) {
        present(eventId, "eventId");
        present(type, "type");
        if (!type.equals(expectedType)) {
            throw new InvalidEventException("type", "must be '" + expectedType + "' but was '" + type + "'");
        }
        present(occurredAt, "occurredAt");
        id(tenantId, "tenantId");
        if (schemaVersion != WaihuEvent.SCHEMA_VERSION) {
            throw new InvalidEventException("schemaVersion",
                    "must be " + WaihuEvent.SCHEMA_VERSION + " on a v1 topic but was " + schemaVersion);
        }
    }

    /** For the {@code of(...)} factories: the caller's instant, or now. */
    public static Instant occurredAtOrNow(Instant occurredAt) {
        return occurredAt != null ? occurredAt : Instant.now();
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }

    /** Free text: required, may be empty. */
    public static String text(String value, String field) {
        return present(value, field);
    }

    /** Identifiers are opaque strings but never blank. */
    public static String id(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new InvalidEventException(field, "must not be blank");
        }
        return value;
    }

    public static String e164(String value, String field) {
        present(value, field);
        if (!E164.matcher(value).matches()) {
            throw new InvalidEventException(field, "must be an E.164 number like +14155550123 but was '" + value + "'");
        }
        return value;
    }

    /** A dialled-number prefix: digits only, no '+'; empty is a tariff's catch-all destination. */
    public static String digits(String value, String field) {
        present(value, field);
        if (!DIGITS.matcher(value).matches()) {
            throw new InvalidEventException(field, "must be up to 15 digits (empty for the catch-all) but was '" + value + "'");
        }
        return value;
    }

    /** An IANA region id such as America/Chicago (fixed offsets are not zones: they miss DST). */
    public static String zone(String value, String field) {
        present(value, field);
        ZoneId zone;
        try {
            zone = ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new InvalidEventException(field, "must be an IANA time zone id but was '" + value + "'");
        }
        if (zone instanceof ZoneOffset) {
            throw new InvalidEventException(field, "must be an IANA time zone id, not an offset: '" + value + "'");
        }
        return value;
    }

    /** ISO-4217 code known to the JVM. */
    public static String currency(String value, String field) {
        present(value, field);
        if (!CURRENCY.matcher(value).matches()) {
            throw new InvalidEventException(field, "must be an ISO-4217 code like CNY but was '" + value + "'");
        }
        try {
            Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, "unknown ISO-4217 currency '" + value + "'");
        }
        return value;
    }

    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new InvalidEventException(field, "must be >= " + min + " but was " + value);
        }
        return value;
    }

    public static long between(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new InvalidEventException(field, "must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /** Not before {@code earliest}; both must already be present. */
    public static Instant notBefore(Instant value, Instant earliest, String field, String earliestField) {
        if (value != null && earliest != null && value.isBefore(earliest)) {
            throw new InvalidEventException(field, "must not be before " + earliestField
                    + " (" + value + " < " + earliest + ")");
        }
        return value;
    }

    public static void sameCurrency(Money value, Money reference, String field, String referenceField) {
        if (value != null && reference != null && !value.currency().equals(reference.currency())) {
            throw new InvalidEventException(field, "currency " + value.currency()
                    + " differs from " + referenceField + " currency " + reference.currency());
        }
    }

    /** An immutable copy with each element present; element paths read {@code field[i]}. */
    public static <T> List<T> list(List<T> values, String field, int minItems) {
        return list(values, field, minItems, (value, path) -> { });
    }

    /** An immutable copy with each element present and checked; element paths read {@code field[i]}. */
    public static <T> List<T> list(List<T> values, String field, int minItems, BiConsumer<T, String> eachCheck) {
        present(values, field);
        if (values.size() < minItems) {
            throw new InvalidEventException(field, "needs at least " + minItems + " item(s)");
        }
        List<T> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String path = field + "[" + i + "]";
            T value = present(values.get(i), path);
            eachCheck.accept(value, path);
            copy.add(value);
        }
        return Collections.unmodifiableList(copy);
    }

    /** An immutable, order-keeping copy of a string map without null keys or values. */
    public static Map<String, String> stringMap(Map<String, String> values, String field) {
        present(values, field);
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            present(key, field);
            copy.put(key, present(value, field + "." + key));
        });
        return Collections.unmodifiableMap(copy);
    }
}
