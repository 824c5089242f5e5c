package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast engine (cached number readings, flat trie over the E.164 string, band lookups without ZonedDateTime,
 * long fractions) gives exactly what the engine gave before ({@link ReferenceRatingEngine}): the same RatedCall,
 * field by field (amounts with their scale, currency, breakdown), or the same UnratedCall with the same reason and
 * text. Random tariffs (zones with and without DST, holidays, 1–3 versions, missing destinations and bands, a
 * currency switch, rates of 0–20 decimals, every rounding method) and random calls (canonical E.164, national and
 * international formats, garbage; instants near DST changes and activations; 0 s to days), from fixed seeds; a
 * failure names its seed and call.
 */
public class RatingEquivalenceTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/Sao_Paulo"),
            ZoneId.of("Pacific/Apia"), ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"), ZoneId.of("America/Santiago"));
    private static final Instant FROM = Instant.parse("2010-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2028-12-31T00:00:00Z");
    private static final String[] PREFIX_POOL = {"86", "861", "8613", "86138", "861380", "8613800", "861380013",
            "86139", "86150", "86186", "86168", "8610", "86755", "86400", "86800", "1", "1212", "1415", "44", "447",
            "4420", "49", "4915", "33", "81", "852", "886", "7", "91", "61"};
    private static final RoundingMethod[] ROUNDINGS = RoundingMethod.values();

    @Test
    void theFastEngineRatesEveryRandomCallExactlyAsTheReferenceEngine() {
        int calls = 0;
        Map<String, Integer> outcomes = new HashMap<>();
        for (long seed = 1; seed <= 120; seed++) {
            Random random = new Random(seed);
            List<TariffVersion> versions = versions(random);
            RatingEngine engine = new RatingEngine();
            ReferenceRatingEngine reference = new ReferenceRatingEngine();
            for (int i = 0; i < 400; i++) {
                CallUsage call = call(random, versions);
                RatingOutcome expected = reference.rate(call, versions);
                RatingOutcome actual = engine.rate(call, versions);
                assertEquals(expected, actual, "seed " + seed + ", call " + i + ": " + call);
                // a second time: the number now comes from the reading cache
                assertEquals(expected, engine.rate(call, versions), "seed " + seed + ", call " + i + " (cached): " + call);
                outcomes.merge(kind(expected), 1, Integer::sum);
                calls++;
            }
        }
        // the generator reaches every branch the engines have, not only the easy ones
        for (String kind : List.of("rated", "rated:segments>1", "rated:MINIMUM_COST", "rated:MAXIMUM_COST",
                "rated:ROUNDING", "rated:GRACE", "rated:zero", "INVALID_NUMBER", "NO_DESTINATION", "NO_TARIFF",
                "NO_RATE_FOR_BAND", "OTHER", "rated:versions>1")) {
            assertTrue(outcomes.getOrDefault(kind, 0) > 0, "no call of kind " + kind + " in " + outcomes);
        }
        assertEquals(48_000, calls);
    }

    /**
     * Versions that start inside a second, to the nanosecond, and calls answered inside a second: the walk places a
     * version boundary on the whole second after it, as the reference does (whole seconds from the answer, rounded up).
     */
    @Test
    void versionsAndAnswersInsideASecondAreRatedAsByTheReference() {
        int crossing = 0;
        for (long seed = 1_001; seed <= 1_040; seed++) {
            Random random = new Random(seed);
            List<TariffVersion> versions = new ArrayList<>();
            for (TariffVersion v : versions(random)) {
                Instant from = v.effectiveFrom().plusNanos(random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000));
                versions.add(TariffVersion.of(v.tariffId(), v.carrierId(), v.version(), v.currency(), v.defaultRegion(), from,
                        v.calendar(), v.destinations()));
            }
            RatingEngine engine = new RatingEngine();
            ReferenceRatingEngine reference = new ReferenceRatingEngine();
            for (int i = 0; i < 300; i++) {
                CallUsage drawn = call(random, versions);
                Instant answered = drawn.answeredAt();
                if (answered != null) {
                    // whole seconds before a version's start, give or take a millisecond: where milliseconds and
                    // nanoseconds round the distance differently
                    if (versions.size() > 1 && random.nextBoolean()) {
                        TariffVersion v = versions.get(1 + random.nextInt(versions.size() - 1));
                        answered = v.effectiveFrom().minusSeconds(random.nextInt(120)).plusNanos(random.nextInt(2_000_000) - 1_000_000L);
                    } else {
                        answered = answered.plusNanos(random.nextInt(1_000_000));
                    }
                }
                CallUsage call = answered == null ? drawn
                        : new CallUsage(drawn.number(), answered.minusSeconds(5), answered, drawn.billableSeconds());
                RatingOutcome expected = reference.rate(call, versions);
                assertEquals(expected, engine.rate(call, versions), "seed " + seed + ", call " + i + ": " + call);
                if (expected instanceof RatedCall r && r.segments().stream().map(RatedCall.Segment::tariffVersion).distinct().count() > 1) {
                    crossing++;
                }
            }
        }
        assertTrue(crossing > 200, "calls rated by two versions: " + crossing);
    }

    @Test
    void bandLookupsAndBandEdgesAreTheSameAsThroughZonedDateTimeAroundEveryOffsetChange() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            BandCalendar calendar = calendar(random, ZONES.get(random.nextInt(ZONES.size())));
            List<Instant> transitions = transitions(calendar.zone());
            for (int i = 0; i < 2_000; i++) {
                Instant from = instantNearSomething(random, transitions, List.of())
                        .plusMillis(random.nextInt(3) == 0 ? random.nextInt(1000) : 0);
                Instant horizon = from.plusSeconds(random.nextInt(4) == 0 ? random.nextInt(400_000) : random.nextInt(7_200))
                        .plusMillis(random.nextInt(3) == 0 ? random.nextInt(1000) : 0);
                if (random.nextInt(3) == 0) {
                    // a horizon on the second of a band edge, with or without a fraction of a second
                    Instant edge = ReferenceRatingEngine.nextChange(calendar, from, from.plusSeconds(5 * 86_400));
                    if (edge != null) {
                        horizon = edge.plusMillis(random.nextBoolean() ? 0 : 1 + random.nextInt(999));
                    }
                }
                String message = "seed " + seed + ", " + calendar.zone() + ", from " + from + " to " + horizon;
                assertEquals(ReferenceRatingEngine.bandAt(calendar, from), calendar.bandAt(from), message);
                assertEquals(ReferenceRatingEngine.nextChange(calendar, from, horizon), calendar.nextChange(from, horizon), message);
            }
        }
    }

    @Test
    void aCachedReadingIsWhatLibphonenumberReadsAndARefusalIsRefusedAgain() {
        Random random = new Random(11);
        // more numbers than the cache has slots, in two regions, each read several times in random order
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < NumberNormalizer.CACHE_SLOTS * 2; i++) {
            numbers.add(number(random));
        }
        for (int i = 0; i < 60_000; i++) {
            String dialled = numbers.get(random.nextInt(random.nextBoolean() ? 64 : numbers.size()));
            String region = random.nextInt(4) == 0 ? "DE" : "CN";
            String expected;
            try {
                expected = ReferenceRatingEngine.normalize(dialled, region).toString();
            } catch (IllegalArgumentException e) {
                expected = "refused: " + e.getMessage();
            }
            String actual;
            try {
                actual = NumberNormalizer.normalize(dialled, region).toString();
            } catch (IllegalArgumentException e) {
                actual = "refused: " + e.getMessage();
            }
            assertEquals(expected, actual, "seed 11, reading " + i + ": '" + dialled + "' in " + region);
        }
    }

    @Test
    void theTrieFindsTheLongestPrefixInPlaceAsTheStringLookupDoes() {
        Random random = new Random(7);
        List<Destination> destinations = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        Map<String, DestinationRate> rates = Map.of("all", TariffFixtures.rate(List.of(TariffFixtures.group(0, "0.1", 60, 60)), "0"));
        for (int i = 0; i < 5_000; i++) {
            String prefix = digits(random, random.nextInt(8));
            if (prefixes.add(prefix)) {
                destinations.add(new Destination(prefix, "d" + i, DestinationClass.INTERNATIONAL, rates));
            }
        }
        PrefixIndex index = new PrefixIndex(destinations);
        Map<String, Destination> byPrefix = new HashMap<>();
        destinations.forEach(d -> byPrefix.put(d.prefix(), d));
        assertEquals(destinations.size(), index.size());
        for (int i = 0; i < 50_000; i++) {
            String number = "+" + digits(random, random.nextInt(16)) + (random.nextInt(10) == 0 ? "x12" : "");
            Destination expected = index.longestMatch(number.substring(1));
            Destination brute = null;
            for (int length = 0; length <= number.length() - 1; length++) {
                String candidate = number.substring(1, 1 + length);
                if (!candidate.chars().allMatch(Character::isDigit)) {
                    break;
                }
                if (byPrefix.containsKey(candidate)) {
                    brute = byPrefix.get(candidate);
                }
            }
            assertEquals(brute, expected, number);
            assertEquals(expected, index.longestMatch(number, 1), number);
        }
    }

    private static String kind(RatingOutcome outcome) {
        if (outcome instanceof UnratedCall unrated) {
            return unrated.reason().name();
        }
        RatedCall rated = (RatedCall) outcome;
        if (rated.segments().stream().map(RatedCall.Segment::tariffVersion).distinct().count() > 1) {
            return "rated:versions>1";
        }
        if (!rated.adjustments().isEmpty()) {
            return "rated:" + rated.adjustments().get(rated.adjustments().size() - 1).kind();
        }
        if (rated.segments().size() > 1) {
            return "rated:segments>1";
        }
        return rated.cost().signum() == 0 ? "rated:zero" : "rated";
    }

    // --- random tariffs

    /** Random versions of one tariff (also used by NumberReadingEquivalenceTest). */
    public static List<TariffVersion> versions(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        BandCalendar calendar = calendar(random, zone);
        Currency currency = Currency.getInstance("CNY");
        int count = 1 + random.nextInt(3);
        List<TariffVersion> versions = new ArrayList<>();
        Instant effective = FROM.plusSeconds(random.nextInt(86_400 * 365));
        List<String> pool = new ArrayList<>(List.of(PREFIX_POOL));
        for (int v = 1; v <= count; v++) {
            List<Destination> destinations = new ArrayList<>();
            java.util.Collections.shuffle(pool, random);
            int size = 3 + random.nextInt(pool.size() - 3);
            for (String prefix : pool.subList(0, size)) {
                destinations.add(destination(random, prefix, calendar));
            }
            if (random.nextInt(3) > 0) {
                destinations.add(destination(random, "", calendar));
            }
            Currency versionCurrency = v > 1 && random.nextInt(8) == 0 ? Currency.getInstance("USD") : currency;
            BandCalendar versionCalendar = v > 1 && random.nextInt(3) == 0 ? calendar(random, zone) : calendar;
            versions.add(TariffVersion.of("t" + v, "c", v, versionCurrency, random.nextInt(5) == 0 ? "DE" : "CN",
                    effective, versionCalendar, destinations));
            // the next version: within hours (calls cross it) or years
            effective = effective.plusSeconds(random.nextBoolean() ? 1 + random.nextInt(86_400 * 3)
                    : random.nextInt(86_400 * 365 * 5));
        }
        return versions;
    }

    private static Destination destination(Random random, String prefix, BandCalendar calendar) {
        Map<String, DestinationRate> rates = new LinkedHashMap<>();
        for (TimeBand band : calendar.bands()) {
            if (rates.containsKey(band.name()) || random.nextInt(40) == 0) {
                continue; // now and then a band without a rate
            }
            rates.put(band.name(), rate(random));
        }
        DestinationClass[] classes = DestinationClass.values();
        return new Destination(prefix, "dest " + prefix, classes[random.nextInt(classes.length)], rates);
    }

    private static DestinationRate rate(Random random) {
        List<RateGroup> groups = new ArrayList<>();
        int start = 0;
        int count = 1 + random.nextInt(3);
        for (int g = 0; g < count; g++) {
            int[] increments = {1, 6, 30, 60, 7};
            int increment = increments[random.nextInt(increments.length)];
            int[] units = {60, 1, 6, 3600, 7};
            groups.add(new RateGroup(start, amount(random), units[random.nextInt(units.length)], increment));
            start += increment * (1 + random.nextInt(10));
        }
        BigDecimal minimum = random.nextInt(4) == 0 ? amount(random) : null;
        BigDecimal maximum = random.nextInt(4) == 0 ? amount(random).add(BigDecimal.valueOf(random.nextInt(3))) : null;
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            BigDecimal t = minimum;
            minimum = maximum;
            maximum = t;
        }
        return new DestinationRate(groups, random.nextInt(3) == 0 ? amount(random) : BigDecimal.ZERO,
                random.nextInt(4) == 0 ? random.nextInt(120) : 0, random.nextInt(4) == 0 ? random.nextInt(10) : 0,
                minimum, maximum, ROUNDINGS[random.nextInt(ROUNDINGS.length)], random.nextInt(9));
    }

    /** 0–20 decimals; now and then a huge scale or value so the long arithmetic overflows into BigDecimal. */
    private static BigDecimal amount(Random random) {
        int scale = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 8 + random.nextInt(13);
            default -> 1 + random.nextInt(6);
        };
        long unscaled = random.nextInt(20) == 0 ? Math.abs(random.nextLong() >> random.nextInt(20)) : random.nextInt(5_000);
        return BigDecimal.valueOf(unscaled, scale);
    }

    private static BandCalendar calendar(Random random, ZoneId zone) {
        List<TimeBand> bands = new ArrayList<>();
        Set<DayKind> weekdays = EnumSet.range(DayKind.MONDAY, DayKind.FRIDAY);
        int peakFrom = (1 + random.nextInt(10)) * 3600 + (random.nextBoolean() ? 0 : 1800 + random.nextInt(3) * 7);
        int peakTo = peakFrom + (1 + random.nextInt(12)) * 3600;
        bands.add(new TimeBand("offpeak", weekdays, 0, peakFrom));
        bands.add(new TimeBand("peak", weekdays, peakFrom, peakTo));
        bands.add(new TimeBand(random.nextBoolean() ? "offpeak" : "evening", weekdays, peakTo, TimeBand.DAY));
        if (random.nextBoolean()) {
            bands.add(new TimeBand("weekend", EnumSet.of(DayKind.SATURDAY, DayKind.SUNDAY), 0, TimeBand.DAY));
        } else {
            bands.add(new TimeBand("weekend", EnumSet.of(DayKind.SATURDAY, DayKind.SUNDAY), 0, 12 * 3600));
            bands.add(new TimeBand("weekend-pm", EnumSet.of(DayKind.SATURDAY, DayKind.SUNDAY), 12 * 3600, TimeBand.DAY));
        }
        Set<LocalDate> holidays = new HashSet<>();
        if (random.nextBoolean()) {
            bands.add(new TimeBand("holiday", EnumSet.of(DayKind.HOLIDAY), 0, TimeBand.DAY));
            for (int h = 0; h < 40; h++) {
                holidays.add(LocalDate.of(2010 + random.nextInt(19), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            }
        }
        java.util.Collections.shuffle(bands, random);
        return new BandCalendar(bands, holidays, zone);
    }

    // --- random calls

    /** A random call against these versions (also used by NumberReadingEquivalenceTest). */
    public static CallUsage call(Random random, List<TariffVersion> versions) {
        List<Instant> near = new ArrayList<>();
        for (TariffVersion v : versions) {
            near.add(v.effectiveFrom());
        }
        List<Instant> transitions = transitions(versions.get(0).calendar().zone());
        Instant answered = instantNearSomething(random, transitions, near);
        if (random.nextInt(3) == 0) {
            answered = answered.plusMillis(random.nextInt(1000));
        }
        String number = number(random);
        int ring = random.nextInt(40);
        if (random.nextInt(5) == 0) {
            return new CallUsage(number, answered.minusSeconds(ring), null, 0);
        }
        long seconds = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> random.nextInt(12);
            case 2 -> random.nextInt(300_000);
            case 3 -> random.nextInt(20) == 0 ? 400_000_000L + random.nextInt(1000) : random.nextInt(4 * 86_400);
            default -> random.nextInt(1_200);
        };
        return new CallUsage(number, answered.minusSeconds(ring), answered, seconds);
    }

    private static Instant instantNearSomething(Random random, List<Instant> transitions, List<Instant> activations) {
        int pick = random.nextInt(10);
        if (pick < 4 && !transitions.isEmpty()) {
            return transitions.get(random.nextInt(transitions.size())).plusSeconds(random.nextInt(4 * 86_400) - 2 * 86_400);
        }
        if (pick < 6 && !activations.isEmpty()) {
            return activations.get(random.nextInt(activations.size())).plusSeconds(random.nextInt(3 * 3600) - 3600);
        }
        return FROM.plusSeconds((long) (random.nextDouble() * (TO.getEpochSecond() - FROM.getEpochSecond())));
    }

    private static List<Instant> transitions(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<Instant> out = new ArrayList<>();
        ZoneOffsetTransition t = rules.nextTransition(FROM);
        while (t != null && t.getInstant().isBefore(TO)) {
            out.add(t.getInstant());
            t = rules.nextTransition(t.getInstant());
        }
        return out;
    }

    private static String number(Random random) {
        String[] mobile = {"138", "139", "150", "186", "168", "130", "199"};
        String national = switch (random.nextInt(4)) {
            case 0 -> "10" + digits(random, 8);
            case 1 -> "755" + digits(random, 8);
            default -> mobile[random.nextInt(mobile.length)] + digits(random, 8);
        };
        return switch (random.nextInt(14)) {
            case 0, 1, 2, 3 -> "+86" + national;
            case 4 -> national.startsWith("1") && national.length() == 11 ? national : "0" + national;
            case 5 -> "0086" + national;
            case 6 -> "+86 " + national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7);
            case 7 -> "+44" + "7" + digits(random, 9);
            case 8 -> "+1" + (2 + random.nextInt(8)) + digits(random, 9);
            case 9 -> "+49" + digits(random, 5 + random.nextInt(8));
            case 10 -> "+" + digits(random, 1 + random.nextInt(16)); // anything, valid or not
            case 11 -> new String[]{"", " ", "+", "abc", "12", "+86", "0086", "++8613800138000", "+8601012345678"}[random.nextInt(9)];
            case 12 -> "+8613800138000"; // the same number again and again
            default -> "00" + (random.nextBoolean() ? "44" : "1") + digits(random, 10);
        };
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
