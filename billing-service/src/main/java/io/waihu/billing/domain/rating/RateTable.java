package io.waihu.billing.domain.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rates of a tariff version laid out flat for the rating loop: every figure a segment needs as a long in one
 * array, every object it hands on (amounts, labels, names) in a second, and per destination and band where its rate
 * is in both.
 *
 * <p>Why: with tens of thousands of destinations and every call to a new number, a rating used to chase a dozen
 * objects that were no longer in the CPU caches (the destination, its band map, the map's table and keys, the rate,
 * its group list, each group, the BigDecimal rates, a label cache). Here it reads a few cache lines, and the reads
 * that follow the prefix lookup do not wait on one another: the destination's index gives the place of its names and
 * of its rate's two offsets at once, and those offsets give the rate's figures and objects at once.
 * Nothing is computed differently: the longs are the unscaled values and powers of ten the engine used to derive
 * per call, the labels are {@link RateGroup#label()}, and a rate whose figures do not fit a long is marked so that
 * the engine prices it the exact BigDecimal way, from the {@link DestinationRate} kept here.
 *
 * <p>Layout. Destination {@code d} (its index in the version's list, which is what {@link PrefixIndex} finds):
 * {@code rates[d * bandNames.length + slot]} is its rate in band {@code slot} (the index of the band's name in
 * {@link #bandNames}) as {@code (refs offset << 32) | data offset}, or -1; {@code destinations[d * DESTINATION_SIZE +
 * (PREFIX | NAME | CLASS | DESTINATION)]} are its objects. A rate record at {@code r} in {@link #data}: the fields
 * below ({@code r + FIELD}), then per group {@code r + GROUPS + g * GROUP_SIZE + (START | INCREMENT | UNIT | RATE_NUM |
 * RATE_DEN)}. Its objects at {@code refs[refsOf(rate) + (SOURCE | FEE | MINIMUM | MAXIMUM | ROUNDING_DETAIL)]}, then per
 * group {@code + GROUP_REFS + 2g} (ratePerUnit) and {@code + GROUP_REFS + 2g + 1} (label). Equal rates share one record.
 */
final class RateTable {

    // rate record fields (offsets from the record's start in data)
    static final int GROUP_COUNT = 0;
    /** 1 when every amount of the rate fits a long with its scale; 0: price it with BigDecimal */
    static final int LONG_WAY = 1;
    static final int MINIMUM_BILLED = 2;
    static final int FREE_SECONDS = 3;
    static final int FEE_NUM = 4;
    static final int FEE_DEN = 5;
    /** MINIMUM_DEN / MAXIMUM_DEN are 0 when the rate has no minimum / maximum cost */
    static final int MINIMUM_NUM = 6;
    static final int MINIMUM_DEN = 7;
    static final int MAXIMUM_NUM = 8;
    static final int MAXIMUM_DEN = 9;
    static final int DECIMALS = 10;
    static final int ROUNDING = 11;
    static final int REFS = 12;
    static final int GROUPS = 13;
    // per group
    static final int START = 0;
    static final int INCREMENT = 1;
    static final int UNIT = 2;
    /** the rate per unit as unscaled / (unitSeconds × 10^scale) */
    static final int RATE_NUM = 3;
    static final int RATE_DEN = 4;
    static final int GROUP_SIZE = 5;

    // rate record objects (offsets from refs[data[r + REFS]])
    static final int SOURCE = 0;
    static final int FEE = 1;
    static final int MINIMUM = 2;
    static final int MAXIMUM = 3;
    static final int ROUNDING_DETAIL = 4;
    static final int GROUP_REFS = 5;

    // destination objects (offsets from destinations[d * DESTINATION_SIZE])
    static final int PREFIX = 0;
    static final int NAME = 1;
    static final int CLASS = 2;
    static final int DESTINATION = 3;
    static final int DESTINATION_SIZE = 4;

    private static final RoundingMethod[] ROUNDINGS = RoundingMethod.values();

    final long[] data;
    final Object[] refs;
    /** Per destination and band slot: {@code (refs offset << 32) | data offset} of its rate record, or -1. */
    final long[] rates;
    /** Per destination: its prefix, name, class and the Destination itself. */
    final Object[] destinations;
    /** The band names the destinations price, in the order first seen. */
    final String[] bandNames;

    private RateTable(long[] data, Object[] refs, long[] rates, Object[] destinations, String[] bandNames) {
        this.data = data;
        this.refs = refs;
        this.rates = rates;
        this.destinations = destinations;
        this.bandNames = bandNames;
    }

    /** The slot of a band name, or -1 when no destination prices that band. A tariff has a handful of names. */
    int slot(String bandName) {
        String[] names = bandNames;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(bandName)) {
                return i;
            }
        }
        return -1;
    }

    /** Destination {@code d}'s rate in a band slot, as {@code (refs offset << 32) | data offset}, or -1 when it has none (or the slot is -1). */
    long rate(int d, int slot) {
        return slot < 0 ? -1 : rates[d * bandNames.length + slot];
    }

    /** Where a rate's record starts in {@link #data}. */
    static int dataOf(long rate) {
        return (int) rate;
    }

    /** Where a rate's objects start in {@link #refs}. */
    static int refsOf(long rate) {
        return (int) (rate >>> 32);
    }

    /** Where destination {@code d}'s prefix, name and class are in {@link #destinations}. */
    static int destinationRefs(int d) {
        return d * DESTINATION_SIZE;
    }

    Destination destination(int d) {
        return (Destination) destinations[destinationRefs(d) + DESTINATION];
    }

    /** The tariff's own rate of the record at {@code rate} (a data offset). */
    DestinationRate source(int rate) {
        return (DestinationRate) refs[(int) data[rate + REFS] + SOURCE];
    }

    RoundingMethod rounding(int rate) {
        return ROUNDINGS[(int) data[rate + ROUNDING]];
    }

    /** Lays out the destinations; destination {@code d} is the d-th of the list. */
    static RateTable of(List<Destination> destinations) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (Destination destination : destinations) {
            for (String band : destination.ratesByBand().keySet()) {
                slots.putIfAbsent(band, slots.size());
            }
        }
        int names = slots.size();
        long[] rates = new long[destinations.size() * names];
        Arrays.fill(rates, -1);
        Object[] objects = new Object[destinations.size() * DESTINATION_SIZE];
        LongBuilder data = new LongBuilder();
        List<Object> refs = new ArrayList<>();
        Map<DestinationRate, Long> records = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (int d = 0; d < destinations.size(); d++) {
            Destination destination = destinations.get(d);
            objects[d * DESTINATION_SIZE + PREFIX] = destination.prefix();
            objects[d * DESTINATION_SIZE + NAME] = destination.name();
            objects[d * DESTINATION_SIZE + CLASS] = destination.destinationClass();
            objects[d * DESTINATION_SIZE + DESTINATION] = destination;
            for (var entry : destination.ratesByBand().entrySet()) {
                Long record = records.get(entry.getValue());
                if (record == null) {
                    int refsAt = refs.size();
                    int dataAt = record(entry.getValue(), data, refs, labels);
                    record = ((long) refsAt << 32) | dataAt;
                    records.put(entry.getValue(), record);
                }
                rates[d * names + slots.get(entry.getKey())] = record;
            }
        }
        return new RateTable(data.toArray(), refs.toArray(), rates, objects, slots.keySet().toArray(String[]::new));
    }

    private static int record(DestinationRate rate, LongBuilder data, List<Object> refs, Map<String, String> labels) {
        int r = data.size();
        List<RateGroup> groups = rate.groups();
        for (int i = 0; i < GROUPS + groups.size() * GROUP_SIZE; i++) {
            data.add(0);
        }
        int refBase = refs.size();
        refs.add(rate);
        refs.add(rate.connectFee());
        refs.add(rate.minimumCost());
        refs.add(rate.maximumCost());
        refs.add(rate.rounding() + " to " + rate.decimals() + " decimals");
        data.set(r + GROUP_COUNT, groups.size());
        data.set(r + MINIMUM_BILLED, rate.minimumBilledSeconds());
        data.set(r + FREE_SECONDS, rate.freeSeconds());
        data.set(r + DECIMALS, rate.decimals());
        data.set(r + ROUNDING, rate.rounding().ordinal());
        data.set(r + REFS, refBase);
        boolean longWay = true;
        try {
            data.set(r + FEE_NUM, unscaled(rate.connectFee()));
            data.set(r + FEE_DEN, ExactAmount.pow10(rate.connectFee().scale()));
            if (rate.minimumCost() != null) {
                data.set(r + MINIMUM_NUM, unscaled(rate.minimumCost()));
                data.set(r + MINIMUM_DEN, ExactAmount.pow10(rate.minimumCost().scale()));
            }
            if (rate.maximumCost() != null) {
                data.set(r + MAXIMUM_NUM, unscaled(rate.maximumCost()));
                data.set(r + MAXIMUM_DEN, ExactAmount.pow10(rate.maximumCost().scale()));
            }
            ExactAmount.pow10(rate.decimals());
        } catch (ArithmeticException tooBig) {
            longWay = false;
        }
        for (int g = 0; g < groups.size(); g++) {
            RateGroup group = groups.get(g);
            int at = r + GROUPS + g * GROUP_SIZE;
            data.set(at + START, group.startSecond());
            data.set(at + INCREMENT, group.incrementSeconds());
            data.set(at + UNIT, group.unitSeconds());
            try {
                data.set(at + RATE_NUM, unscaled(group.ratePerUnit()));
                data.set(at + RATE_DEN, Math.multiplyExact((long) group.unitSeconds(), ExactAmount.pow10(group.ratePerUnit().scale())));
            } catch (ArithmeticException tooBig) {
                longWay = false;
            }
            refs.add(group.ratePerUnit());
            String label = group.label();
            refs.add(labels.computeIfAbsent(label, l -> l));
        }
        data.set(r + LONG_WAY, longWay ? 1 : 0);
        return r;
    }

    /** The unscaled value of an amount as a long. @throws ArithmeticException when it does not fit or the scale is negative */
    static long unscaled(BigDecimal value) {
        if (value.scale() < 0) {
            throw new ArithmeticException("a negative scale takes the BigDecimal way");
        }
        return value.unscaledValue().longValueExact();
    }

    /** A growable long array: a deck's table has millions of entries, boxed they would cost ~4× the memory. */
    private static final class LongBuilder {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void set(int index, long value) {
            values[index] = value;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
