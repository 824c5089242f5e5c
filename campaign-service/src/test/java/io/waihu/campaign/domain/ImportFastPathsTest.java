package io.waihu.campaign.domain;

import io.waihu.platform.persistence.JsonColumns;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's two fast paths give exactly what they replace: {@link ImportRowParser#instant} what
 * {@code OffsetDateTime.parse(..).toInstant()} gives (or fails where it fails), and {@link ImportJson} the text the
 * JSON columns' Jackson mapper writes.
 */
class ImportFastPathsTest {

    /** Timestamps near the usual shape: every field sometimes out of range, sometimes a character replaced or cut. */
    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<String> y = Arbitraries.integers().between(0, 9999).map(v -> String.format("%04d", v));
        Arbitrary<String> two = Arbitraries.oneOf(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 31))
                .map(v -> String.format("%02d", v));
        Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.of("Z", "z", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01", "+08", "+0800", ""),
                Combinators.combine(Arbitraries.of('+', '-'), Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 70))
                        .as((s, h, m) -> s + String.format("%02d:%02d", h, m)));
        Arbitrary<String> fraction = Arbitraries.of("", "", "", ".5", ".123", ".123456789");
        Arbitrary<String> base = Combinators.combine(y, two, two, two, two, two, fraction, offset)
                .as((yy, mo, d, h, mi, s, f, o) -> yy + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + o);
        return Combinators.combine(base, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 30),
                        Arbitraries.of('0', '9', ' ', 'T', '-', ':', '+', 'Z', 'x', '٣'))
                .as((t, mode, at, c) -> {
                    if (mode == 0 && at < t.length()) {
                        return t.substring(0, at) + c + t.substring(at + 1); // one character replaced
                    }
                    if (mode == 1 && at < t.length()) {
                        return t.substring(0, at); // cut short
                    }
                    return t;
                });
    }

    @Property(tries = 20_000)
    void consentTimesParseExactlyAsOffsetDateTime(@ForAll("timestamps") String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            expected = null;
        }
        Instant actual;
        try {
            actual = ImportRowParser.instant(text);
        } catch (DateTimeException e) {
            actual = null;
        }
        assertThat(actual).as(text).isEqualTo(expected);
    }

    @Property(tries = 2_000)
    void validTimestampsInEveryOffsetTakeTheFastPathAndAgree(@ForAll("valid") OffsetDateTime t) {
        String text = t.toString().length() == 25 || t.toString().length() == 20 ? t.toString() : null;
        if (text != null) {
            assertThat(ImportRowParser.instant(text)).isEqualTo(t.toInstant());
        }
    }

    @Provide
    Arbitrary<OffsetDateTime> valid() {
        return Combinators.combine(Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                        Arbitraries.integers().between(-18 * 4, 18 * 4))
                .as((s, q) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s),
                        java.time.ZoneOffset.ofTotalSeconds(q * 15 * 60)).withNano(0));
    }

    /** Any text, with the characters JSON must escape (quote, backslash, control characters) over-represented. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f\u2028é中😀 aZ").ofMaxLength(20));
    }

    @Property(tries = 3_000)
    void jsonColumnsAreWrittenAsTheMapperWritesThem(@ForAll("texts") String a, @ForAll("texts") String b, @ForAll("texts") String c,
                                                   @ForAll boolean twoPhones, @ForAll boolean withConsent,
                                                   @ForAll long seconds) {
        List<Contact.ContactPhone> phones = twoPhones
                ? List.of(new Contact.ContactPhone("+8613800138000", a), new Contact.ContactPhone(b, "HOME"))
                : List.of(new Contact.ContactPhone(c, "MOBILE"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(a, b);
        attributes.put("tier", c);
        if (twoPhones) {
            attributes.put(b + "x", a);
        }
        Contact.ContactConsent consent = withConsent
                ? new Contact.ContactConsent(a, Instant.ofEpochSecond(Math.floorMod(seconds, 253_402_300_799L), Math.floorMod(seconds, 3) * 1_000_000L), c)
                : null;
        assertThat(ImportJson.phones(phones)).isEqualTo(JsonColumns.write(phones));
        assertThat(ImportJson.attributes(attributes)).isEqualTo(JsonColumns.write(attributes));
        assertThat(ImportJson.consent(consent)).isEqualTo(consent == null ? null : JsonColumns.write(consent));
        assertThat(ImportJson.attributes(Map.of())).isEqualTo(JsonColumns.write(Map.of()));
    }
}
