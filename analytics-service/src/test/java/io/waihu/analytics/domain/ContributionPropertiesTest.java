package io.waihu.analytics.domain;

import io.waihu.events.Money;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.ChargeBreakdown;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollups are the sum of the facts' contributions whatever order a call's events arrive in. */
class ContributionPropertiesTest {

    static final Instant SETUP = Instant.parse("2026-11-23T09:15:00Z"); // a Monday, 17:15 in Shanghai

    static List<UnaryOperator<CallFact>> eventsOfOneCall(CallDisposition d, String cost, String delta, boolean conversion) {
        CallEnded ended = CallEnded.of("t", SETUP.plusSeconds(70), "c", "camp", "a", "k", "+8613800138000", "cm", null, d,
                SETUP, SETUP.plusMillis(1230), d == CallDisposition.NO_ANSWER ? null : SETUP.plusSeconds(5),
                SETUP.plusSeconds(70), 65, d == CallDisposition.ABANDONED, null, "Asia/Shanghai");
        CallCharged charged = CallCharged.of("t", SETUP.plus(java.time.Duration.ofHours(5)), "c", "camp", "a", "cm",
                Money.of(cost, "CNY"), "tr", 1, "86", DestinationClass.MOBILE, 66,
                new ChargeBreakdown(List.of(), Money.zero("CNY"), List.of()));
        Money before = Money.of(cost, "CNY");
        Money after = before.plus(Money.of(delta, "CNY"));
        CallRerated rerated = CallRerated.of("t", SETUP.plus(java.time.Duration.ofHours(9)), "c", "camp", before, after,
                Money.of(delta, "CNY"), 2, "tariff fix");
        OutcomeRecorded outcome = OutcomeRecorded.of("t", SETUP.plusSeconds(300), "camp", "a", "c", "k", "SALE", true,
                true, conversion, false, "agent");
        return List.of(f -> f.withEnded(ended), f -> f.withCharged(charged), f -> f.withRerated(rerated), f -> f.withOutcome(outcome));
    }

    /** Folds the events in the given order, summing deltas as the rollup tables would. */
    static TreeMap<Contribution.Bucket, Counters> fold(List<UnaryOperator<CallFact>> events, Instant firstSeen) {
        CallFact fact = null;
        TreeMap<Contribution.Bucket, Counters> rollup = new TreeMap<>();
        for (UnaryOperator<CallFact> e : events) {
            CallFact before = fact == null ? CallFact.first("t", "c", "camp", firstSeen) : fact;
            CallFact after = e.apply(before);
            Contribution.between(fact == null ? null : before, after).rollup()
                    .forEach((k, v) -> rollup.merge(k, v, Counters::plus));
            fact = after;
        }
        rollup.values().removeIf(Counters::isZero);
        return rollup;
    }

    @Provide
    Arbitrary<CallDisposition> dispositions() {
        return Arbitraries.of(CallDisposition.ANSWERED_HUMAN, CallDisposition.ABANDONED, CallDisposition.NO_ANSWER,
                CallDisposition.VOICEMAIL);
    }

    @Property(tries = 300)
    void anyOrderGivesTheSameRollup(@ForAll("dispositions") CallDisposition d, @ForAll @IntRange(min = 0, max = 99999) int cents,
                                    @ForAll @IntRange(min = -500, max = 500) int deltaCents, @ForAll boolean conversion,
                                    @ForAll long seed) {
        String cost = BigDecimal.valueOf(cents, 4).toPlainString();
        String delta = BigDecimal.valueOf(deltaCents, 4).toPlainString();
        List<UnaryOperator<CallFact>> inOrder = eventsOfOneCall(d, cost, delta, conversion);
        List<UnaryOperator<CallFact>> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(seed));
        // the first event of the shuffled order decides the provisional hour; it must not matter in the end
        TreeMap<Contribution.Bucket, Counters> expected = fold(inOrder, SETUP);
        TreeMap<Contribution.Bucket, Counters> actual = fold(shuffled, SETUP.plus(java.time.Duration.ofHours(7)));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> {
            Counters a = actual.get(k);
            assertThat(a.cost()).isEqualByComparingTo(v.cost());
            assertThat(a.plus(v, -1).isZero()).as("counters of %s", k).isTrue();
        });
        // one call, one bucket: its hour, carrier and class come from CallEnded and CallCharged
        assertThat(expected).hasSize(1);
        Contribution.Bucket bucket = expected.firstKey();
        assertThat(bucket.hour()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(bucket.carrierId()).isEqualTo("cm");
        assertThat(bucket.destinationClass()).isEqualTo("MOBILE");
        Counters c = expected.firstEntry().getValue();
        assertThat(c.attempts()).isEqualTo(1);
        assertThat(c.cost()).isEqualByComparingTo(new BigDecimal(cost).add(new BigDecimal(delta)));
        assertThat(c.conversions()).isEqualTo(conversion ? 1 : 0);
        assertThat(c.abandoned()).isEqualTo(d == CallDisposition.ABANDONED ? 1 : 0);
    }

    @Property(tries = 100)
    void aReplayedEventIsIdempotentOnTheFact(@ForAll("dispositions") CallDisposition d) {
        List<UnaryOperator<CallFact>> events = eventsOfOneCall(d, "1.2300", "0", true);
        CallFact once = CallFact.first("t", "c", "camp", SETUP);
        for (UnaryOperator<CallFact> e : events) {
            once = e.apply(once);
        }
        // CallEnded, CallCharged and OutcomeRecorded are overwrites: applying them again changes no contribution
        CallFact twice = events.get(3).apply(events.get(1).apply(events.get(0).apply(once)));
        assertThat(Contribution.between(once, twice).rollup()).isEmpty();
    }

    @net.jqwik.api.Example
    void calleeLocalTimeGoesToTheHeatmap() {
        CallFact f = eventsOfOneCall(CallDisposition.ANSWERED_HUMAN, "1", "0", false).get(0)
                .apply(CallFact.first("t", "c", "camp", SETUP));
        assertThat(Contribution.of(f).heatKey()).isEqualTo(new Contribution.HeatKey("camp", 1, 17));
        assertThat(Contribution.of(f).pddKey().bucketMs()).isEqualTo(1230);
    }
}
