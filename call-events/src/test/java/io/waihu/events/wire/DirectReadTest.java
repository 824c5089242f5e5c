package io.waihu.events.wire;

import io.waihu.events.Contract;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading an event straight from its text must be invisible: for the golden events and for texts a character or a
 * field away from them, {@code read} and {@code readIfKnown} give what the tree path gives (the same event, the same
 * skip of an unknown type, or the same error, word for word).
 */
class DirectReadTest {

    private static final List<EventCatalog.Entry> ENTRIES = EventCatalog.all();

    @Example
    void everyGoldenReadsAsThroughTheTree() {
        for (EventCatalog.Entry entry : ENTRIES) {
            String golden = Contract.goldenText(entry.type());
            assertSameOutcome(entry, golden);
        }
    }

    @Property(tries = 4000)
    void textsNearAGoldenReadAsThroughTheTree(@ForAll("entries") EventCatalog.Entry entry, @ForAll("edits") Edit edit) {
        assertSameOutcome(entry, edit.apply(Contract.goldenText(entry.type())));
    }

    @Example
    void unknownTypesAreSkippedAndOtherTopicsTypesRefused() {
        String callEnded = Contract.goldenText("CallEnded");
        String unknown = callEnded.replace("\"CallEnded\"", "\"CallTransferred\"");
        EventCatalog.Entry tariff = EventCatalog.require("TariffPublished");

        assertThat(EventJson.readIfKnown(unknown, tariff.topicSpec().eventInterface())).isEmpty();
        assertSameOutcome(tariff, callEnded);
        assertSameOutcome(tariff, unknown);
        assertSameOutcome(tariff, "null");
        assertSameOutcome(tariff, "");
        assertSameOutcome(tariff, "[]");
    }

    @Example
    void unusualShapesReadAsThroughTheTree() {
        EventCatalog.Entry entry = EventCatalog.require("CallEnded");
        String golden = Contract.goldenText("CallEnded").strip();
        String body = golden.substring(1, golden.length() - 1).strip();
        String withoutType = body.replace("\"type\": \"CallEnded\",", "").replace("\"type\":\"CallEnded\",", "");
        assertThat(withoutType).isNotEqualTo(body);
        String[] texts = {
                "{" + withoutType + ", \"type\": \"CallEnded\"}",            // type last
                "{\"type\": \"CallEnded\", " + body + "}",                 // type twice (duplicate key)
                golden + " {\"more\": 1}",                                  // trailing content
                golden + " garbage",
                "[\"CallEnded\", " + golden + "]",                            // the array form of a typed value
                "{" + body + ", \"extra\": {\"n\": 1e400, \"list\": [1, 2.50, null]}}", // unknown nested numbers
                golden.replace("\"CallEnded\"", "\"callended\""),             // a type in another case
        };
        for (String text : texts) {
            assertSameOutcome(entry, text);
        }
    }

    private static void assertSameOutcome(EventCatalog.Entry entry, String text) {
        Class<?> family = entry.topicSpec().eventInterface();
        assertThat(outcome(() -> EventJson.readIfKnown(text, family)))
                .as("readIfKnown %s: %s", family.getSimpleName(), text)
                .isEqualTo(outcome(() -> EventJson.readIfKnownViaTree(text, family)));
        assertThat(outcome(() -> EventJson.read(text, entry.eventClass())))
                .as("read %s: %s", entry.type(), text)
                .isEqualTo(outcome(() -> EventJson.readViaTree(text, entry.eventClass())));
    }

    private static Object outcome(Supplier<?> read) {
        try {
            return read.get();
        } catch (EventFormatException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<EventCatalog.Entry> entries() {
        return Arbitraries.of(ENTRIES);
    }

    /** One character replaced, inserted or removed, or a value swapped for another kind of value. */
    @Provide
    Arbitrary<Edit> edits() {
        Arbitrary<Character> noise = Arbitraries.of('"', '{', '}', '[', ']', ',', ':', '0', '7', '-', '.', 'e', 'x', ' ',
                'n', 'T', 'Z');
        Arbitrary<String> values = Arbitraries.of("null", "0", "-1", "1.5", "1e400", "\"\"", "\"x\"", "[]", "{}", "true",
                "\"2026-02-30T00:00:00Z\"", "\"+86\"", "99999999999999999999");
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        return Arbitraries.integers().between(0, 3).flatMap(kind -> switch (kind) {
            case 0 -> Combinators.combine(where, noise).as((at, c) -> new Edit("replace", at, String.valueOf(c)));
            case 1 -> Combinators.combine(where, noise).as((at, c) -> new Edit("insert", at, String.valueOf(c)));
            case 2 -> where.map(at -> new Edit("delete", at, ""));
            default -> Combinators.combine(where, values).as((at, v) -> new Edit("value", at, v));
        });
    }

    record Edit(String kind, double at, String text) {

        String apply(String json) {
            int i = (int) (at * (json.length() - 1));
            return switch (kind) {
                case "replace" -> json.substring(0, i) + text + json.substring(i + 1);
                case "insert" -> json.substring(0, i) + text + json.substring(i);
                case "delete" -> json.substring(0, i) + json.substring(i + 1);
                default -> replaceValueAfter(json, i, text);
            };
        }

        /** Replaces the value of the first field that starts at or after {@code from} (a scalar value only). */
        private static String replaceValueAfter(String json, int from, String value) {
            int colon = json.indexOf("\":", from);
            if (colon < 0) {
                return json;
            }
            int start = colon + 2;
            while (start < json.length() && json.charAt(start) == ' ') {
                start++;
            }
            if (start >= json.length() || json.charAt(start) == '{' || json.charAt(start) == '[') {
                return json;
            }
            int end = start;
            if (json.charAt(start) == '"') {
                end = json.indexOf('"', start + 1) + 1;
            } else {
                while (end < json.length() && ",}]\n".indexOf(json.charAt(end)) < 0) {
                    end++;
                }
            }
            return json.substring(0, start) + value + json.substring(end);
        }
    }
}
