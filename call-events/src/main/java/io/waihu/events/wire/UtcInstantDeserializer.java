package io.waihu.events.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the form every Waihu producer writes, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, without a
 * {@code DateTimeFormatter}: a formatter parse costs about 1 µs, and a call event carries up to five instants, so it
 * was half of reading one. Any other text or token goes to jsr310's own {@link InstantDeserializer}, so what is
 * accepted, and every error, stays exactly as before (UtcInstantDeserializerTest compares values and messages). That
 * fallback is jsr310's default reader: the events set no Instant format, and a {@code @JsonFormat} on an Instant
 * field would not reach it.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final int SHORTEST = "2026-01-01T00:00:00Z".length();
    private static final int LONGEST = "2026-01-01T00:00:00.123456789Z".length();
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final JsonDeserializer<Instant> STANDARD = InstantDeserializer.INSTANT;

    UtcInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parseUtc(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return STANDARD.deserialize(parser, context);
    }

    /** The instant, or null when {@code text} is not exactly the UTC form above with valid fields. */
    static Instant parseUtc(String text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
            return null; // a leap second (60) or an out-of-range field: the standard reader decides
        }
        int nanos = 0;
        if (length > SHORTEST) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fractionDigits = length - SHORTEST - 1;
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits from {@code start}, or -1 if any is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
