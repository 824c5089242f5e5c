package io.waihu.events.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast instant reader must be invisible: for any text, Waihu's mapper reads what a mapper with jsr310 alone
 * reads, or fails where it fails.
 */
class UtcInstantDeserializerTest {

    private static final ObjectMapper WAIHU = EventJson.newMapper();
    /** EventJson's settings without the fast reader: what Instants were read with before it. */
    private static final ObjectMapper JSR310 = EventJson.settings().build();

    @Property(tries = 3000)
    void readsEveryWrittenInstantAsTheStandardParserDoes(
            @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        String text = utc(epochSecond, nanos, fractionDigits);
        Instant fast = UtcInstantDeserializer.parseUtc(text);

        assertThat(fast).as(text).isEqualTo(Instant.parse(text));
        assertThat(read(WAIHU, quoted(text))).isEqualTo(read(JSR310, quoted(text)));
    }

    @Property(tries = 5000)
    void agreesWithTheStandardReaderOnNearMisses(@ForAll("nearMisses") String text) {
        assertThat(read(WAIHU, quoted(text))).as(text).isEqualTo(read(JSR310, quoted(text)));
    }

    @Example
    void agreesOnTheEdgeCases() {
        String[] texts = {
                "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2023-04-31T00:00:00Z", "2026-11-27T23:59:60Z",
                "2026-11-27T24:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-11-00T00:00:00Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
                "2026-11-27T08:58:00.Z", "2026-11-27T08:58:00.1234567890Z", "2026-11-27T08:58:00z",
                "2026-11-27T08:58:00+00:00", "2026-11-27T08:58:00+08:00", " 2026-11-27T08:58:00Z",
                "2026-11-27t08:58:00Z", "2026-11-27T08:58Z", "1700000000", "1700000000.5", "", "Z"};
        for (String text : texts) {
            assertThat(read(WAIHU, quoted(text))).as(text).isEqualTo(read(JSR310, quoted(text)));
        }
        for (String token : new String[] {"1700000000", "1700000000.123456789", "-1", "null", "true", "[]", "{}"}) {
            assertThat(read(WAIHU, token)).as(token).isEqualTo(read(JSR310, token));
        }
    }

    @Example
    void waihusMapperUsesTheFastReader() throws Exception {
        var context = ((DefaultDeserializationContext) WAIHU.getDeserializationContext())
                .createInstance(WAIHU.getDeserializationConfig(), null, null);

        assertThat(context.findRootValueDeserializer(WAIHU.constructType(Instant.class)))
                .isInstanceOf(UtcInstantDeserializer.class);
        assertThat(UtcInstantDeserializer.parseUtc("2026-11-27T08:58:00.5Z"))
                .isEqualTo(Instant.parse("2026-11-27T08:58:00.500Z"));
    }

    /** Valid instants with one character replaced, inserted or removed. */
    @Provide
    Arbitrary<String> nearMisses() {
        Arbitrary<String> valid = Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                .flatMap(second -> Arbitraries.integers().between(0, 9)
                        .map(digits -> utc(second, 123_456_789, digits)));
        Arbitrary<Character> noise = Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', 'T', 'Z', 'z', '.',
                ' ', '+', 'x');
        return Arbitraries.integers().between(0, 2).flatMap(edit -> valid.flatMap(text -> Arbitraries.integers()
                .between(0, text.length() - 1).flatMap(at -> noise.map(c -> switch (edit) {
                    case 0 -> text.substring(0, at) + c + text.substring(at + 1);
                    case 1 -> text.substring(0, at) + c + text.substring(at);
                    default -> text.substring(0, at) + text.substring(at + 1);
                }))));
    }

    /** The instant in the producers' form, with exactly {@code fractionDigits} digits of {@code nanos}. */
    private static String utc(long epochSecond, int nanos, int fractionDigits) {
        String whole = Instant.ofEpochSecond(epochSecond).toString();
        if (fractionDigits == 0) {
            return whole;
        }
        String fraction = String.format("%09d", nanos).substring(0, fractionDigits);
        return whole.substring(0, whole.length() - 1) + "." + fraction + "Z";
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }

    /** The instant read, or the failure: its kind and its message, word for word. */
    private static Object read(ObjectMapper mapper, String json) {
        try {
            return Objects.requireNonNullElse(mapper.readValue(json, Instant.class), "null");
        } catch (Exception e) {
            return "fails: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
