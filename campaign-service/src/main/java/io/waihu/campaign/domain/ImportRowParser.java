package io.waihu.campaign.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns upload rows (CSV cells under a header, or one JSON object per line) into {@link ImportedContact}s, or into
 * the reasons a row is refused. Every problem of a row is reported, each with its column.
 *
 * <p>CSV columns: {@code externalId,name,phone1,phone1Type,phone2,phone2Type,...,zone,consentBasis,consentAt,
 * consentSource,attr.<name>...}; names are case-insensitive except the attribute names.
 */
public final class ImportRowParser {

    public static final int MAX_PHONES = 10;
    private static final int MAX_TEXT = 200;
    private static final int MAX_ATTRIBUTE = 2000;
    private static final Pattern BASIS = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Set<String> PHONE_TYPES = Set.of("MOBILE", "HOME", "WORK", "OTHER");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    /** Consent a little in the future is clock skew between systems, more is a mistake. */
    private static final Duration CONSENT_SKEW = Duration.ofMinutes(5);
    private static final Set<String> JSON_FIELDS = Set.of("externalId", "name", "phones", "zone", "consent", "attributes");

    /** The outcome for one row: a contact, or errors (never both). */
    public record Parsed(ImportedContact contact, List<ImportRowError> errors) {
        static Parsed ok(ImportedContact c) {
            return new Parsed(c, List.of());
        }

        static Parsed rejected(List<ImportRowError> errors) {
            return new Parsed(null, errors);
        }
    }

    /** Where each known CSV column is; built once from the header. */
    public static final class CsvLayout {
        int externalId = -1;
        int name = -1;
        int zone = -1;
        int consentBasis = -1;
        int consentAt = -1;
        int consentSource = -1;
        final int[] phone = new int[MAX_PHONES];
        final int[] phoneType = new int[MAX_PHONES];
        final List<String> attrNames = new ArrayList<>();
        final List<Integer> attrColumns = new ArrayList<>();
        final List<String> headers = new ArrayList<>();

        CsvLayout() {
            java.util.Arrays.fill(phone, -1);
            java.util.Arrays.fill(phoneType, -1);
        }
    }

    /** A header the upload cannot be read with; the whole upload is refused. */
    public static final class BadHeaderException extends RuntimeException {
        public BadHeaderException(String message) {
            super(message);
        }
    }

    private final String defaultRegion;
    private final ObjectMapper json;
    private final Instant now;

    public ImportRowParser(String defaultRegion, ObjectMapper json, Instant now) {
        this.defaultRegion = defaultRegion;
        this.json = json;
        this.now = now;
    }

    public static CsvLayout layout(List<String> header) {
        CsvLayout l = new CsvLayout();
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i).trim();
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1); // a byte order mark from spreadsheet exports
            }
            l.headers.add(raw);
            String name = raw.toLowerCase(Locale.ROOT);
            if (raw.startsWith("attr.") && raw.length() > 5) {
                if (l.attrNames.contains(raw.substring(5))) {
                    throw new BadHeaderException("column '" + raw + "' appears twice");
                }
                l.attrNames.add(raw.substring(5));
                l.attrColumns.add(i);
                continue;
            }
            int already = switch (name) {
                case "externalid" -> set(l, "externalId", i);
                case "name" -> set(l, "name", i);
                case "zone" -> set(l, "zone", i);
                case "consentbasis" -> set(l, "consentBasis", i);
                case "consentat" -> set(l, "consentAt", i);
                case "consentsource" -> set(l, "consentSource", i);
                default -> phoneColumn(l, name, raw, i);
            };
            if (already >= 0) {
                throw new BadHeaderException("column '" + raw + "' appears twice");
            }
        }
        if (l.externalId < 0) {
            throw new BadHeaderException("the header needs an externalId column");
        }
        if (l.phone[0] < 0) {
            throw new BadHeaderException("the header needs a phone1 column");
        }
        for (int n = 0; n < MAX_PHONES; n++) {
            if (l.phoneType[n] >= 0 && l.phone[n] < 0) {
                throw new BadHeaderException("column 'phone" + (n + 1) + "Type' has no 'phone" + (n + 1) + "' column");
            }
        }
        return l;
    }

    private static int set(CsvLayout l, String field, int i) {
        int before = switch (field) {
            case "externalId" -> l.externalId;
            case "name" -> l.name;
            case "zone" -> l.zone;
            case "consentBasis" -> l.consentBasis;
            case "consentAt" -> l.consentAt;
            default -> l.consentSource;
        };
        switch (field) {
            case "externalId" -> l.externalId = i;
            case "name" -> l.name = i;
            case "zone" -> l.zone = i;
            case "consentBasis" -> l.consentBasis = i;
            case "consentAt" -> l.consentAt = i;
            default -> l.consentSource = i;
        }
        return before;
    }

    private static int phoneColumn(CsvLayout l, String name, String raw, int i) {
        if (name.startsWith("phone")) {
            boolean type = name.endsWith("type");
            String digits = name.substring(5, type ? name.length() - 4 : name.length());
            if (digits.matches("[1-9][0-9]?")) {
                int n = Integer.parseInt(digits);
                if (n > MAX_PHONES) {
                    throw new BadHeaderException("column '" + raw + "': at most " + MAX_PHONES + " numbers per contact");
                }
                int[] target = type ? l.phoneType : l.phone;
                int before = target[n - 1];
                target[n - 1] = i;
                return before;
            }
        }
        throw new BadHeaderException("unknown column '" + raw + "' (known: externalId, name, phone<N>, phone<N>Type, zone, "
                + "consentBasis, consentAt, consentSource, attr.<name>)");
    }

    public Parsed csv(long line, List<String> cells, CsvLayout l) {
        List<ImportRowError> errors = new ArrayList<>(0);
        if (cells.size() > l.headers.size()) {
            errors.add(new ImportRowError(line, null, "has " + cells.size() + " cells, the header has " + l.headers.size()));
            return Parsed.rejected(errors);
        }
        String externalId = externalId(line, cell(cells, l.externalId), "externalId", errors);
        String name = text(line, cell(cells, l.name), "name", errors);
        List<Contact.ContactPhone> phones = new ArrayList<>(2);
        for (int n = 0; n < MAX_PHONES; n++) {
            if (l.phone[n] < 0) {
                continue;
            }
            String number = cell(cells, l.phone[n]);
            String type = cell(cells, l.phoneType[n]);
            String column = l.headers.get(l.phone[n]);
            if (number == null) {
                if (type != null) {
                    errors.add(new ImportRowError(line, column, "is empty but " + l.headers.get(l.phoneType[n]) + " is set"));
                }
                continue;
            }
            phone(line, number, type, column, l.phoneType[n] < 0 ? column + "Type" : l.headers.get(l.phoneType[n]), phones, errors);
        }
        if (phones.isEmpty() && errors.stream().noneMatch(e -> e.column() != null && e.column().toLowerCase(Locale.ROOT).startsWith("phone"))) {
            errors.add(new ImportRowError(line, l.headers.get(l.phone[0]), "at least one phone number is required"));
        }
        String zone = zone(line, cell(cells, l.zone), "zone", errors);
        Contact.ContactConsent consent = consent(line, cell(cells, l.consentBasis), cell(cells, l.consentAt), cell(cells, l.consentSource),
                "consentBasis", "consentAt", "consentSource", errors);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int a = 0; a < l.attrColumns.size(); a++) {
            String value = cell(cells, l.attrColumns.get(a));
            if (value != null) {
                if (value.length() > MAX_ATTRIBUTE) {
                    errors.add(new ImportRowError(line, "attr." + l.attrNames.get(a), "is longer than " + MAX_ATTRIBUTE + " characters"));
                } else {
                    attributes.put(l.attrNames.get(a), value);
                }
            }
        }
        return errors.isEmpty() ? Parsed.ok(new ImportedContact(line, externalId, name, phones, zone, attributes, consent))
                : Parsed.rejected(errors);
    }

    /** One JSON Lines row: {"externalId","name","phones":[{"number","type"}],"zone","consent":{"basis","grantedAt","source"},"attributes":{}}. */
    public Parsed jsonLine(long line, String text) {
        List<ImportRowError> errors = new ArrayList<>(0);
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            errors.add(new ImportRowError(line, null, "malformed JSON at column " + e.getLocation().getColumnNr()));
            return Parsed.rejected(errors);
        }
        if (node == null || !node.isObject()) {
            errors.add(new ImportRowError(line, null, "must be a JSON object"));
            return Parsed.rejected(errors);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!JSON_FIELDS.contains(field)) {
                errors.add(new ImportRowError(line, field, "unknown field (known: " + String.join(", ", JSON_FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        String externalId = externalId(line, string(line, node, "externalId", errors), "externalId", errors);
        String name = text(line, string(line, node, "name", errors), "name", errors);
        List<Contact.ContactPhone> phones = new ArrayList<>(2);
        JsonNode list = node.get("phones");
        if (list == null || list.isNull() || list.isArray() && list.isEmpty()) {
            errors.add(new ImportRowError(line, "phones", "at least one phone number is required"));
        } else if (!list.isArray()) {
            errors.add(new ImportRowError(line, "phones", "must be an array of {number, type}"));
        } else if (list.size() > MAX_PHONES) {
            errors.add(new ImportRowError(line, "phones", "at most " + MAX_PHONES + " numbers per contact"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode p = list.get(i);
                String at = "phones[" + i + "]";
                if (!p.isObject()) {
                    errors.add(new ImportRowError(line, at, "must be an object {number, type}"));
                    continue;
                }
                phone(line, string(line, p, "number", at + ".number", errors), string(line, p, "type", at + ".type", errors),
                        at + ".number", at + ".type", phones, errors);
            }
        }
        String zone = zone(line, string(line, node, "zone", errors), "zone", errors);
        Contact.ContactConsent consent = null;
        JsonNode c = node.get("consent");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                errors.add(new ImportRowError(line, "consent", "must be an object {basis, grantedAt, source}"));
            } else {
                consent = consent(line, string(line, c, "basis", "consent.basis", errors), string(line, c, "grantedAt", "consent.grantedAt", errors),
                        string(line, c, "source", "consent.source", errors), "consent.basis", "consent.grantedAt", "consent.source", errors);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = node.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                errors.add(new ImportRowError(line, "attributes", "must be an object of strings"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    if (v.isNull()) {
                        continue;
                    }
                    if (!v.isValueNode()) {
                        errors.add(new ImportRowError(line, "attributes." + e.getKey(), "must be a string, number or boolean"));
                    } else if (v.asText().length() > MAX_ATTRIBUTE) {
                        errors.add(new ImportRowError(line, "attributes." + e.getKey(), "is longer than " + MAX_ATTRIBUTE + " characters"));
                    } else {
                        attributes.put(e.getKey(), v.asText());
                    }
                }
            }
        }
        return errors.isEmpty() ? Parsed.ok(new ImportedContact(line, externalId, name, phones, zone, attributes, consent))
                : Parsed.rejected(errors);
    }

    private void phone(long line, String number, String type, String numberColumn, String typeColumn,
                       List<Contact.ContactPhone> phones, List<ImportRowError> errors) {
        String kind = type == null ? "MOBILE" : type.toUpperCase(Locale.ROOT);
        if (!PHONE_TYPES.contains(kind)) {
            errors.add(new ImportRowError(line, typeColumn, "'" + type + "' is not one of MOBILE, HOME, WORK, OTHER"));
        }
        if (number == null) {
            errors.add(new ImportRowError(line, numberColumn, "is required"));
            return;
        }
        PhoneNumbers.Normalised n = PhoneNumbers.normalise(number, defaultRegion);
        if (!n.ok()) {
            errors.add(new ImportRowError(line, numberColumn, n.error()));
            return;
        }
        // the same number twice in a row is one number
        if (phones.stream().noneMatch(p -> p.number().equals(n.e164()))) {
            phones.add(new Contact.ContactPhone(n.e164(), kind));
        }
    }

    private static String externalId(long line, String value, String column, List<ImportRowError> errors) {
        if (value == null) {
            errors.add(new ImportRowError(line, column, "is required"));
            return null;
        }
        if (value.length() > MAX_TEXT) {
            errors.add(new ImportRowError(line, column, "is longer than " + MAX_TEXT + " characters"));
        }
        return value;
    }

    private static String text(long line, String value, String column, List<ImportRowError> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new ImportRowError(line, column, "is longer than " + MAX_TEXT + " characters"));
        }
        return value;
    }

    private static String zone(long line, String zone, String column, List<ImportRowError> errors) {
        if (zone != null && !ZONES.contains(zone)) {
            errors.add(new ImportRowError(line, column, "'" + zone + "' is not an IANA time zone, e.g. Asia/Shanghai"));
        }
        return zone;
    }

    private Contact.ContactConsent consent(long line, String basis, String at, String source, String basisColumn,
                                           String atColumn, String sourceColumn, List<ImportRowError> errors) {
        if (basis == null && at == null && source == null) {
            return null;
        }
        int before = errors.size();
        if (basis == null) {
            errors.add(new ImportRowError(line, basisColumn, "is required when consent is given"));
        } else if (!BASIS.matcher(basis).matches()) {
            errors.add(new ImportRowError(line, basisColumn, "'" + basis + "' must be 1 to 64 letters, digits or _.:- e.g. EXPRESS_CONSENT"));
        }
        Instant grantedAt = null;
        if (at == null) {
            errors.add(new ImportRowError(line, atColumn, "is required when consent is given"));
        } else {
            try {
                grantedAt = instant(at);
            } catch (DateTimeException e) {
                errors.add(new ImportRowError(line, atColumn, "'" + at + "' is not an ISO-8601 date-time with offset, e.g. 2026-01-31T09:00:00Z"));
            }
            if (grantedAt != null && grantedAt.isAfter(now.plus(CONSENT_SKEW))) {
                errors.add(new ImportRowError(line, atColumn, "is in the future"));
            }
        }
        if (source == null) {
            errors.add(new ImportRowError(line, sourceColumn, "is required when consent is given"));
        } else if (source.length() > MAX_TEXT) {
            errors.add(new ImportRowError(line, sourceColumn, "is longer than " + MAX_TEXT + " characters"));
        }
        return errors.size() == before ? new Contact.ContactConsent(basis, grantedAt, source) : null;
    }

    /**
     * {@code OffsetDateTime.parse(text).toInstant()}. The usual shape, {@code yyyy-MM-ddTHH:mm:ss} then {@code Z} or
     * {@code ±HH:MM}, is read digit by digit and checked by the same java.time factories (a 31st of April or an hour 24
     * throws as it does from the formatter); anything else, and any value those refuse, goes through the formatter,
     * which decides. The formatter took an eighth of the parse threads' time. ImportRowParserTest compares both.
     *
     * @throws DateTimeException exactly when {@code OffsetDateTime.parse} does
     */
    static Instant instant(String text) {
        if (text.length() == 20 || text.length() == 25) {
            try {
                Instant fast = fastInstant(text);
                if (fast != null) {
                    return fast;
                }
            } catch (DateTimeException outOfRange) {
                // the formatter gives the verdict
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static Instant fastInstant(String t) {
        if (t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        java.time.ZoneOffset offset;
        if (t.length() == 20) {
            if (t.charAt(19) != 'Z') {
                return null;
            }
            offset = java.time.ZoneOffset.UTC;
        } else {
            char sign = t.charAt(19);
            int oh = digits(t, 20, 2);
            int om = digits(t, 23, 2);
            if (sign != '+' && sign != '-' || t.charAt(22) != ':' || (oh | om) < 0) {
                return null;
            }
            offset = sign == '+' ? java.time.ZoneOffset.ofHoursMinutes(oh, om) : java.time.ZoneOffset.ofHoursMinutes(-oh, -om);
        }
        return java.time.LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
    }

    /** The ASCII digits at {@code [from, from + n)} as a number, or -1 if any is not an ASCII digit. */
    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String cell(List<String> cells, int index) {
        if (index < 0 || index >= cells.size()) {
            return null;
        }
        String v = cells.get(index).trim();
        return v.isEmpty() ? null : v;
    }

    private static String string(long line, JsonNode node, String field, List<ImportRowError> errors) {
        return string(line, node, field, field, errors);
    }

    private static String string(long line, JsonNode node, String field, String column, List<ImportRowError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            if (v.isNumber()) {
                // numbers and ids often arrive as JSON numbers; their text is what was meant
                String t = v.asText().trim();
                return t.isEmpty() ? null : t;
            }
            errors.add(new ImportRowError(line, column, "must be a string"));
            return null;
        }
        String t = v.textValue().trim();
        return t.isEmpty() ? null : t;
    }
}
