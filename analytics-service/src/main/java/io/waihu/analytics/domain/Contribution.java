package io.waihu.analytics.domain;

import io.waihu.events.dialer.CallDisposition;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one call fact adds to the three rollups. Rollups are kept as the sum of every fact's contribution, so when
 * an event changes a fact the rollups get {@code of(after) - of(before)}: order of arrival does not matter.
 */
public record Contribution(Bucket bucket, Counters counters, HeatKey heatKey, HeatCounters heat, PddKey pddKey) {

    /** Carrier of a call we only know from its outcome or drop. */
    public static final String UNKNOWN_CARRIER = "unknown";
    /** Destination class of a call not (yet) charged. */
    public static final String UNKNOWN_CLASS = "UNKNOWN";
    /** Currency of a rollup row of calls with no known cost. */
    public static final String NO_CURRENCY = "";
    public static final int PDD_BUCKET_MS = 10;
    public static final long PDD_CAP_MS = 120_000;

    public record Bucket(String campaignId, Instant hour, String carrierId, String destinationClass, String currency)
            implements Comparable<Bucket> {
        private static final Comparator<Bucket> ORDER = Comparator.comparing(Bucket::campaignId).thenComparing(Bucket::hour)
                .thenComparing(Bucket::carrierId).thenComparing(Bucket::destinationClass).thenComparing(Bucket::currency);

        @Override
        public int compareTo(Bucket o) {
            return ORDER.compare(this, o);
        }
    }

    public record HeatKey(String campaignId, int dow, int hour) implements Comparable<HeatKey> {
        private static final Comparator<HeatKey> ORDER = Comparator.comparing(HeatKey::campaignId)
                .thenComparingInt(HeatKey::dow).thenComparingInt(HeatKey::hour);

        @Override
        public int compareTo(HeatKey o) {
            return ORDER.compare(this, o);
        }
    }

    public record HeatCounters(long attempts, long answered, long liveHuman, long rpcs, long conversions) {
        public static final HeatCounters ZERO = new HeatCounters(0, 0, 0, 0, 0);

        public HeatCounters plus(HeatCounters o, int sign) {
            return new HeatCounters(attempts + sign * o.attempts, answered + sign * o.answered,
                    liveHuman + sign * o.liveHuman, rpcs + sign * o.rpcs, conversions + sign * o.conversions);
        }

        public boolean isZero() {
            return attempts == 0 && answered == 0 && liveHuman == 0 && rpcs == 0 && conversions == 0;
        }
    }

    public record PddKey(String campaignId, Instant hour, String carrierId, int bucketMs) implements Comparable<PddKey> {
        private static final Comparator<PddKey> ORDER = Comparator.comparing(PddKey::campaignId).thenComparing(PddKey::hour)
                .thenComparing(PddKey::carrierId).thenComparingInt(PddKey::bucketMs);

        @Override
        public int compareTo(PddKey o) {
            return ORDER.compare(this, o);
        }
    }

    public static Contribution of(CallFact f) {
        boolean ended = f.ended();
        CallDisposition d = f.disposition();
        boolean liveHuman = ended && (d == CallDisposition.ANSWERED_HUMAN || d == CallDisposition.ABANDONED);
        String carrier = f.carrierId() == null ? UNKNOWN_CARRIER : f.carrierId();
        Bucket bucket = new Bucket(f.campaignId(), f.hour(), carrier,
                f.destinationClass() == null ? UNKNOWN_CLASS : f.destinationClass(),
                f.currency() == null ? NO_CURRENCY : f.currency());
        Counters counters = new Counters(
                ended ? 1 : 0,
                ended && f.answered() ? 1 : 0,
                liveHuman ? 1 : 0,
                liveHuman && d == CallDisposition.ANSWERED_HUMAN && !f.abandoned() ? 1 : 0,
                liveHuman && f.abandoned() ? 1 : 0,
                ended && d != CallDisposition.FAILED ? 1 : 0,
                ended ? f.talkMs() : 0,
                ended ? f.billableSeconds() : 0,
                f.charged() ? f.billedSeconds() : 0,
                f.charged() ? 1 : 0,
                f.unrated() && !f.charged() ? 1 : 0,
                f.dropped() && !ended ? 1 : 0,
                f.contact() ? 1 : 0,
                f.rpc() ? 1 : 0,
                f.conversion() ? 1 : 0,
                f.cost());
        HeatKey heatKey = null;
        HeatCounters heat = null;
        if (ended && f.localDow() != null) {
            heatKey = new HeatKey(f.campaignId(), f.localDow(), f.localHour());
            heat = new HeatCounters(1, f.answered() ? 1 : 0, liveHuman ? 1 : 0, f.rpc() ? 1 : 0, f.conversion() ? 1 : 0);
        }
        PddKey pdd = null;
        if (ended && f.pddMs() != null) {
            long capped = Math.min(f.pddMs(), PDD_CAP_MS);
            pdd = new PddKey(f.campaignId(), f.hour(), carrier, (int) (capped / PDD_BUCKET_MS * PDD_BUCKET_MS));
        }
        return new Contribution(bucket, counters, heatKey, heat, pdd);
    }

    /** The rollup changes that turn {@code before}'s contribution into {@code after}'s; zero rows left out, keys sorted. */
    public static Delta between(CallFact before, CallFact after) {
        Delta delta = new Delta(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        if (before != null) {
            delta.add(of(before), -1);
        }
        delta.add(of(after), 1);
        delta.rollup().values().removeIf(Counters::isZero);
        delta.heat().values().removeIf(HeatCounters::isZero);
        delta.pdd().values().removeIf(v -> v == 0);
        return delta;
    }

    /** Sorted maps: every transaction locks rollup rows in the same order, so concurrent folds cannot deadlock. */
    public record Delta(TreeMap<Bucket, Counters> rollup, TreeMap<HeatKey, HeatCounters> heat, TreeMap<PddKey, Long> pdd) {

        void add(Contribution c, int sign) {
            rollup.merge(c.bucket(), Counters.ZERO.plus(c.counters(), sign), Counters::plus);
            if (c.heatKey() != null) {
                heat.merge(c.heatKey(), HeatCounters.ZERO.plus(c.heat(), sign), (a, b) -> a.plus(b, 1));
            }
            if (c.pddKey() != null) {
                pdd.merge(c.pddKey(), (long) sign, Long::sum);
            }
        }

        public static Delta empty() {
            return new Delta(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        }

        /** Adds another change to this one (a batch's events summed per rollup key); zero rows dropped. */
        public void addAll(Delta other) {
            other.rollup.forEach((k, v) -> rollup.merge(k, v, Counters::plus));
            other.heat.forEach((k, v) -> heat.merge(k, v, (a, b) -> a.plus(b, 1)));
            other.pdd.forEach((k, v) -> pdd.merge(k, v, Long::sum));
            rollup.values().removeIf(Counters::isZero);
            heat.values().removeIf(HeatCounters::isZero);
            pdd.values().removeIf(v -> v == 0);
        }

        public boolean isEmpty() {
            return rollup.isEmpty() && heat.isEmpty() && pdd.isEmpty();
        }

        /** Change of spend per currency, for the budget. */
        public Map<String, java.math.BigDecimal> spendByCurrency() {
            Map<String, java.math.BigDecimal> spend = new TreeMap<>();
            rollup.forEach((bucket, counters) -> {
                if (!Objects.equals(bucket.currency(), NO_CURRENCY) && counters.cost().signum() != 0) {
                    spend.merge(bucket.currency(), counters.cost(), java.math.BigDecimal::add);
                }
            });
            spend.values().removeIf(v -> v.signum() == 0);
            return spend;
        }

        /** Hours whose spend changed, for anomaly checks. */
        public List<Bucket> costBuckets() {
            return rollup.entrySet().stream().filter(e -> e.getValue().cost().signum() != 0)
                    .filter(e -> !NO_CURRENCY.equals(e.getKey().currency())).map(Map.Entry::getKey).toList();
        }
    }
}
