package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lookup of {@link PrefixIndex} (a direct table of the first four digits, then one hash probe per longer prefix
 * length present under them) finds the prefix a brute-force string search finds, on decks dense enough that most
 * numbers meet prefixes of every length: prefixes shorter than, as long as and longer than the head (up to 15 digits),
 * the catch-all or none, numbers shorter than the head, longer than 15 digits, with a non-digit anywhere (the digits
 * end there). And the epoch-second walk of {@link BandCalendar} that the engine uses is its Instant walk.
 */
class PrefixIndexPropertiesTest {

    @Property(tries = 300)
    void theLongestPrefixFoundIsTheOneABruteForceSearchFinds(@ForAll long seed) {
        Random random = new Random(seed);
        // digits drawn from a small alphabet so that random numbers run into deep prefixes
        int alphabet = 2 + random.nextInt(3);
        Set<String> prefixes = new LinkedHashSet<>();
        if (random.nextBoolean()) {
            prefixes.add(""); // the catch-all
        }
        int count = 1 + random.nextInt(400);
        while (prefixes.size() < count) {
            int length = random.nextInt(4) == 0 ? random.nextInt(PrefixIndex.HEAD_DIGITS + 1) : random.nextInt(16);
            prefixes.add(digits(random, length, alphabet));
        }
        List<Destination> destinations = new ArrayList<>();
        for (String prefix : prefixes) {
            destinations.add(new Destination(prefix, "d" + prefix, DestinationClass.INTERNATIONAL, Map.of()));
        }
        java.util.Collections.shuffle(destinations, random);
        PrefixIndex index = new PrefixIndex(destinations);
        int deeperThanTheHead = 0;
        for (int i = 0; i < 400; i++) {
            // a third of the numbers extend a prefix of the deck, so that long prefixes are met, not only short ones
            List<String> listed = new ArrayList<>(prefixes);
            String digits = random.nextInt(3) == 0
                    ? listed.get(random.nextInt(listed.size())) + digits(random, random.nextInt(6), alphabet)
                    : digits(random, random.nextInt(19), alphabet);
            String number = digits;
            if (random.nextInt(5) == 0) {
                int at = random.nextInt(digits.length() + 1);
                number = digits.substring(0, at) + "- #".charAt(random.nextInt(3)) + digits.substring(at);
            }
            String run = number.chars().takeWhile(Character::isDigit)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            Destination brute = null;
            for (Destination d : destinations) {
                if (run.startsWith(d.prefix()) && (brute == null || d.prefix().length() > brute.prefix().length())) {
                    brute = d;
                }
            }
            if (brute != null && brute.prefix().length() > PrefixIndex.HEAD_DIGITS) {
                deeperThanTheHead++;
            }
            assertThat(index.longestMatch(number)).as("seed %d: %s", seed, number).isEqualTo(brute);
            assertThat(index.longestMatch("+" + number, 1)).as("seed %d: +%s", seed, number).isEqualTo(brute);
            int found = index.longestMatchDestination("+" + number, 1);
            assertThat(found < 0 ? null : destinations.get(found)).as("seed %d: +%s", seed, number).isEqualTo(brute);
        }
        if (count > 100) {
            // the comparison reaches the hash probes, not only the direct table
            assertThat(deeperThanTheHead).as("seed %d", seed).isGreaterThan(0);
        }
    }

    @Property(tries = 50)
    void aPrefixListedTwiceIsRefused(@ForAll long seed) {
        Random random = new Random(seed);
        String prefix = digits(random, random.nextInt(16), 10);
        List<Destination> destinations = List.of(
                new Destination(prefix, "a", DestinationClass.INTERNATIONAL, Map.of()),
                new Destination(digits(random, 1 + random.nextInt(15), 10), "b", DestinationClass.MOBILE, Map.of()),
                new Destination(prefix, "c", DestinationClass.INTERNATIONAL, Map.of()));
        assertThatThrownBy(() -> new PrefixIndex(destinations)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed twice");
    }

    @Property(tries = 40)
    void theEpochSecondBandWalkIsTheInstantWalk(@ForAll long seed) {
        Random random = new Random(seed);
        BandCalendar calendar = RatingEquivalenceTest.versions(random).get(0).calendar();
        List<Instant> transitions = new ArrayList<>();
        for (ZoneOffsetTransition t : calendar.zone().getRules().getTransitions()) {
            transitions.add(t.getInstant());
        }
        ZoneOffsetTransition next = calendar.zone().getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
        for (int y = 0; next != null && y < 8; y++) {
            transitions.add(next.getInstant());
            next = calendar.zone().getRules().nextTransition(next.getInstant());
        }
        for (int i = 0; i < 1_000; i++) {
            Instant base = transitions.isEmpty() || random.nextBoolean()
                    ? Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(4 * 365 * 86_400))
                    : transitions.get(random.nextInt(transitions.size())).plusSeconds(random.nextInt(8 * 86_400) - 4 * 86_400);
            // any nanosecond, not only whole milliseconds; the walk's instants all share the answer's
            int nano = random.nextInt(3) == 0 ? 0 : random.nextInt(4) == 0 ? 999_999_999 : random.nextInt(1_000_000_000);
            Instant from = Instant.ofEpochSecond(base.getEpochSecond(), nano);
            Instant horizon = from.plusSeconds(random.nextInt(4) == 0 ? random.nextInt(400_000) : random.nextInt(7_200));
            String message = "seed " + seed + ", " + calendar.zone() + ", from " + from + " to " + horizon;
            assertThat(calendar.bandAt(from.getEpochSecond())).as(message).isEqualTo(calendar.bandAt(from));
            Instant change = calendar.nextChange(from, horizon);
            long second = calendar.nextChange(from.getEpochSecond(), horizon.getEpochSecond(), nano);
            assertThat(second).as(message).isEqualTo(change == null ? BandCalendar.NO_CHANGE : change.getEpochSecond());
            // what the engine relies on to take the whole seconds from the answer as a difference of epoch seconds
            if (change != null) {
                assertThat(change.getNano()).as(message).isIn(0, nano);
            }
        }
    }

    @Property(tries = 60)
    void callsAnsweredAtAnyNanosecondOrFarFrom1970RateAsTheReferenceEngine(@ForAll long seed) {
        Random random = new Random(seed);
        List<TariffVersion> versions = RatingEquivalenceTest.versions(random);
        RatingEngine engine = new RatingEngine();
        ReferenceRatingEngine reference = new ReferenceRatingEngine();
        int priced = 0;
        for (int i = 0; i < 200; i++) {
            CallUsage drawn = RatingEquivalenceTest.call(random, versions);
            CallUsage call = drawn;
            if (drawn.answeredAt() != null) {
                int nano = random.nextInt(4) == 0 ? 999_999_999 : random.nextInt(1_000_000_000);
                Instant answered = switch (random.nextInt(8)) {
                    // past the epoch-second walk's range (±10^15 s): the engine takes the BigDecimal walk
                    case 0 -> Instant.ofEpochSecond(1_000_000_000_000_000L + random.nextInt(2_000) - 1_000, nano);
                    case 1 -> Instant.ofEpochSecond(-1_000_000_000_000_000L + random.nextInt(2_000) - 1_000, nano);
                    default -> Instant.ofEpochSecond(drawn.answeredAt().getEpochSecond(), nano);
                };
                call = new CallUsage(drawn.number(), answered.minusSeconds(random.nextInt(40)), answered, drawn.billableSeconds());
            }
            CallUsage rated = call;
            String expected = outcome(() -> reference.rate(rated, versions));
            assertThat(outcome(() -> engine.rate(rated, versions))).as("seed %d, call %d: %s", seed, i, call).isEqualTo(expected);
            if (expected.startsWith("RatedCall") && !expected.contains("segments=[]")) {
                priced++;
            }
        }
        assertThat(priced).as("seed %d", seed).isGreaterThan(0);
    }

    /** The outcome as text, or the exception's class and message: both engines must agree on either. */
    private static String outcome(java.util.function.Supplier<RatingOutcome> rating) {
        try {
            return rating.get().toString();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String digits(Random random, int count, int alphabet) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(alphabet)));
        }
        return out.toString();
    }
}
