package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flat layout of a version's rates ({@link RateTable}, reached through the tagged trie of {@link PrefixIndex})
 * holds exactly the tariff's rates, and the engine that reads it rates as the reference engine (the engine before
 * the layout, in test sources) does. Decks here share rate objects and equal rates between destinations and bands,
 * so shared records, leaves and inner prefixes, missing bands and a band no destination prices are all exercised.
 */
class RateTablePropertiesTest {

    private static final String[] BANDS = {"peak", "offpeak", "weekend", "night"};
    /** Prefixes the random calls of RatingEquivalenceTest dial, so that most of them find a destination. */
    private static final String[] DIALLED = {"86", "861", "8613", "86138", "8610", "86755", "44", "447", "1", "49"};

    @Property(tries = 300)
    void everyDestinationAndBandReadsBackAsTheTariffsOwnRate(@ForAll long seed) {
        Random random = new Random(seed);
        List<Destination> destinations = deck(random);
        PrefixIndex index = new PrefixIndex(destinations);
        RateTable table = index.rates();
        for (int d = 0; d < destinations.size(); d++) {
            Destination destination = destinations.get(d);
            // the index finds a destination at its own place in the version's list, where its rates are
            assertThat(index.longestMatchDestination("+" + destination.prefix(), 1)).isEqualTo(d);
            assertThat(table.destination(d)).isSameAs(destination);
            int refs = RateTable.destinationRefs(d);
            assertThat(table.destinations[refs + RateTable.PREFIX]).isEqualTo(destination.prefix());
            assertThat(table.destinations[refs + RateTable.NAME]).isEqualTo(destination.name());
            assertThat(table.destinations[refs + RateTable.CLASS]).isEqualTo(destination.destinationClass());
            for (String band : BANDS) {
                DestinationRate expected = destination.ratesByBand().get(band);
                long rate = table.rate(d, table.slot(band));
                if (expected == null) {
                    assertThat(rate).as("%s in %s", destination.prefix(), band).isEqualTo(-1);
                    continue;
                }
                assertRecordHolds(table, rate, expected);
            }
        }
    }

    @Property(tries = 300)
    void theLongestPrefixFoundIsTheOneAStringSearchFinds(@ForAll long seed) {
        Random random = new Random(seed);
        List<Destination> destinations = deck(random);
        PrefixIndex index = new PrefixIndex(destinations);
        for (int i = 0; i < 200; i++) {
            String digits = digits(random, random.nextInt(14));
            String number = "+" + digits + (random.nextInt(8) == 0 ? "#1" : "");
            Destination brute = null;
            for (Destination d : destinations) {
                if (digits.startsWith(d.prefix()) && (brute == null || d.prefix().length() > brute.prefix().length())) {
                    brute = d;
                }
            }
            assertThat(index.longestMatch(number, 1)).as(number).isEqualTo(brute);
            int found = index.longestMatchDestination(number, 1);
            assertThat(found < 0 ? null : index.rates().destination(found)).as(number).isEqualTo(brute);
        }
    }

    @Property(tries = 150)
    void theEngineOnTheTableRatesAsTheReferenceEngine(@ForAll long seed) {
        Random random = new Random(seed);
        BandCalendar calendar = calendar();
        List<TariffVersion> versions = new ArrayList<>();
        // in force before every call the generator makes (2010 on); a second version starts at some instant of 2026
        Instant from = Instant.parse("2009-06-01T00:00:00Z");
        int count = 1 + random.nextInt(2);
        for (int v = 1; v <= count; v++) {
            versions.add(TariffVersion.of("t", "c", v, Currency.getInstance("CNY"), "CN", from, calendar, deck(random)));
            from = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(86_400 * 300));
        }
        RatingEngine engine = new RatingEngine();
        ReferenceRatingEngine reference = new ReferenceRatingEngine();
        int priced = 0;
        for (int i = 0; i < 100; i++) {
            CallUsage call = RatingEquivalenceTest.call(random, versions);
            RatingOutcome expected = reference.rate(call, versions);
            assertThat(engine.rate(call, versions)).as("seed %d, call %d: %s", seed, i, call).isEqualTo(expected);
            if (expected instanceof RatedCall rated && !rated.segments().isEmpty()) {
                priced++;
            }
        }
        // the comparison is about priced calls, not only refusals
        assertThat(priced).as("seed %d", seed).isGreaterThan(10);
    }

    private static void assertRecordHolds(RateTable table, long packed, DestinationRate expected) {
        long[] data = table.data;
        int rate = RateTable.dataOf(packed);
        assertThat(table.source(rate)).isEqualTo(expected);
        int refs = RateTable.refsOf(packed);
        // the objects' offset packed with the record is the one the record names
        assertThat(refs).isEqualTo((int) data[rate + RateTable.REFS]);
        assertThat(table.refs[refs + RateTable.FEE]).isEqualTo(expected.connectFee());
        assertThat(table.refs[refs + RateTable.MINIMUM]).isEqualTo(expected.minimumCost());
        assertThat(table.refs[refs + RateTable.MAXIMUM]).isEqualTo(expected.maximumCost());
        assertThat(table.refs[refs + RateTable.ROUNDING_DETAIL])
                .isEqualTo(expected.rounding() + " to " + expected.decimals() + " decimals");
        assertThat(data[rate + RateTable.MINIMUM_BILLED]).isEqualTo(expected.minimumBilledSeconds());
        assertThat(data[rate + RateTable.FREE_SECONDS]).isEqualTo(expected.freeSeconds());
        assertThat(data[rate + RateTable.DECIMALS]).isEqualTo(expected.decimals());
        assertThat(table.rounding(rate)).isEqualTo(expected.rounding());
        assertThat(data[rate + RateTable.GROUP_COUNT]).isEqualTo(expected.groups().size());
        boolean longWay = data[rate + RateTable.LONG_WAY] == 1;
        if (longWay) {
            assertThat(fraction(data[rate + RateTable.FEE_NUM], data[rate + RateTable.FEE_DEN])).isEqualTo(expected.connectFee());
        }
        for (int g = 0; g < expected.groups().size(); g++) {
            RateGroup group = expected.groups().get(g);
            int at = rate + RateTable.GROUPS + g * RateTable.GROUP_SIZE;
            assertThat(data[at + RateTable.START]).isEqualTo(group.startSecond());
            assertThat(data[at + RateTable.INCREMENT]).isEqualTo(group.incrementSeconds());
            assertThat(data[at + RateTable.UNIT]).isEqualTo(group.unitSeconds());
            assertThat(table.refs[refs + RateTable.GROUP_REFS + 2 * g]).isEqualTo(group.ratePerUnit());
            assertThat(table.refs[refs + RateTable.GROUP_REFS + 2 * g + 1]).isEqualTo(group.label());
            if (longWay) {
                // num / den is the rate per second: ratePerUnit / unitSeconds
                assertThat(new BigDecimal(data[at + RateTable.RATE_NUM]).multiply(BigDecimal.valueOf(group.unitSeconds())))
                        .isEqualByComparingTo(group.ratePerUnit().multiply(BigDecimal.valueOf(data[at + RateTable.RATE_DEN])));
            }
        }
    }

    /** num / den, den a power of ten, with den's number of decimals: the BigDecimal the record was made from. */
    private static BigDecimal fraction(long num, long den) {
        return BigDecimal.valueOf(num, Long.toString(den).length() - 1);
    }

    /** Up to 60 prefixes (nested ones too), rates drawn from a pool of 6 so records are shared; some bands missing. */
    private static List<Destination> deck(Random random) {
        List<DestinationRate> pool = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pool.add(rate(random));
        }
        Set<String> prefixes = new LinkedHashSet<>();
        if (random.nextBoolean()) {
            prefixes.add("");
        }
        prefixes.add("86");
        for (String dialled : DIALLED) {
            if (random.nextInt(3) > 0) {
                prefixes.add(dialled);
            }
        }
        int count = prefixes.size() + 1 + random.nextInt(60);
        while (prefixes.size() < count) {
            String prefix = digits(random, 1 + random.nextInt(7));
            prefixes.add(prefix);
            if (random.nextInt(3) == 0 && prefix.length() > 1) {
                prefixes.add(prefix.substring(0, 1 + random.nextInt(prefix.length() - 1))); // an inner prefix
            }
        }
        List<Destination> out = new ArrayList<>();
        DestinationClass[] classes = DestinationClass.values();
        for (String prefix : prefixes) {
            Map<String, DestinationRate> rates = new LinkedHashMap<>();
            // "night" is priced by no destination in a third of the decks, and never by the calendar
            for (String band : BANDS) {
                if (random.nextInt(12) != 0 && !(band.equals("night") && random.nextInt(3) == 0)) {
                    DestinationRate picked = pool.get(random.nextInt(pool.size()));
                    // now and then an equal copy rather than the same object: equal records are shared too
                    rates.put(band, random.nextInt(4) == 0 ? copy(picked) : picked);
                }
            }
            out.add(new Destination(prefix, "d" + prefix, classes[random.nextInt(classes.length)], rates));
        }
        java.util.Collections.shuffle(out, random);
        return out;
    }

    private static DestinationRate copy(DestinationRate rate) {
        return new DestinationRate(List.copyOf(rate.groups()), rate.connectFee(), rate.minimumBilledSeconds(),
                rate.freeSeconds(), rate.minimumCost(), rate.maximumCost(), rate.rounding(), rate.decimals());
    }

    private static DestinationRate rate(Random random) {
        List<RateGroup> groups = new ArrayList<>();
        int start = 0;
        int count = 1 + random.nextInt(3);
        for (int g = 0; g < count; g++) {
            int[] increments = {1, 6, 30, 60};
            int increment = increments[random.nextInt(increments.length)];
            groups.add(new RateGroup(start, amount(random), new int[]{60, 1, 6, 3600}[random.nextInt(4)], increment));
            start += increment * (1 + random.nextInt(10));
        }
        BigDecimal minimum = random.nextInt(4) == 0 ? amount(random) : null;
        BigDecimal maximum = random.nextInt(4) == 0 && minimum == null ? amount(random) : null;
        RoundingMethod[] roundings = RoundingMethod.values();
        return new DestinationRate(groups, random.nextInt(3) == 0 ? amount(random) : BigDecimal.ZERO,
                random.nextInt(4) == 0 ? random.nextInt(120) : 0, random.nextInt(4) == 0 ? random.nextInt(10) : 0,
                minimum, maximum, roundings[random.nextInt(roundings.length)], random.nextInt(9));
    }

    /** Mostly ordinary decimals; now and then one too large for a long, so the table marks the rate for BigDecimal. */
    private static BigDecimal amount(Random random) {
        if (random.nextInt(15) == 0) {
            return new BigDecimal("123456789012345678901.5");
        }
        return BigDecimal.valueOf(random.nextInt(5_000), random.nextInt(7));
    }

    private static BandCalendar calendar() {
        Set<DayKind> weekdays = EnumSet.range(DayKind.MONDAY, DayKind.FRIDAY);
        return new BandCalendar(List.of(
                new TimeBand("offpeak", weekdays, 0, 8 * 3600),
                new TimeBand("peak", weekdays, 8 * 3600, 21 * 3600),
                new TimeBand("offpeak", weekdays, 21 * 3600, TimeBand.DAY),
                new TimeBand("weekend", EnumSet.of(DayKind.SATURDAY, DayKind.SUNDAY), 0, TimeBand.DAY)),
                Set.of(), ZoneId.of("Europe/Berlin"));
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }
}
