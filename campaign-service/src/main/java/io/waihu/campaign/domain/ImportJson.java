package io.waihu.campaign.domain;

import java.util.List;
import java.util.Map;

/**
 * The JSON columns of an imported contact, written straight into a StringBuilder. An import writes three of them per
 * row, and going through Jackson's object mapper (serializer lookup, buffer recycling, the Instant serializer) was a
 * tenth of the parse threads' time. The text is the same JSON the mapper of {@code JsonColumns} writes for these
 * records (same fields, nulls left out, instants as ISO-8601 {@code Instant.toString()}, same string escapes), and
 * PostgreSQL stores it as the same jsonb (ImportFastPathsTest compares the text, ContactImportWriteTest the stored
 * rows).
 */
public final class ImportJson {

    private ImportJson() {
    }

    /** {@code [{"number":"+86...","type":"MOBILE"},...]} */
    public static String phones(List<Contact.ContactPhone> phones) {
        if (phones == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(48 * phones.size() + 2);
        sb.append('[');
        for (int i = 0; i < phones.size(); i++) {
            Contact.ContactPhone p = phones.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            boolean first = field(sb, true, "number", p.number());
            field(sb, first, "type", p.type());
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    /** {@code {"name":"value",...}} in the map's order. */
    public static String attributes(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(2 + 32 * attributes.size());
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, e.getKey());
            sb.append(':');
            if (e.getValue() == null) {
                sb.append("null"); // the mapper writes a map's null values too
            } else {
                string(sb, e.getValue());
            }
        }
        return sb.append('}').toString();
    }

    /** {@code {"basis":...,"grantedAt":"2026-01-01T09:00:00Z","source":...}}, or null for no consent. */
    public static String consent(Contact.ContactConsent consent) {
        if (consent == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(96);
        sb.append('{');
        boolean first = field(sb, true, "basis", consent.basis());
        first = field(sb, first, "grantedAt", consent.grantedAt() == null ? null : consent.grantedAt().toString());
        field(sb, first, "source", consent.source());
        return sb.append('}').toString();
    }

    /** A non-null property; returns whether the object is still empty. */
    private static boolean field(StringBuilder sb, boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        if (!first) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":");
        string(sb, value);
        return false;
    }

    /** A JSON string with the escapes Jackson writes: quote, backslash, and control characters. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, start, i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            start = i + 1;
        }
        sb.append(s, start, s.length()).append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
