package io.waihu.billing.service;

import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.NumberNormalizer;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingEquivalenceTest;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.events.Money;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.UnratedReason;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.EventJson;
import io.waihu.platform.persistence.JsonColumns;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quote equals the stored rating of the same call (issue 3, property 3). For a random tariff (zones with DST,
 * holidays, 1–3 versions that calls cross, catch-alls, every rounding, CNY and USD) and a random call (numbers typed
 * in national, 00, +86 and spaced forms, garbage; answered near DST changes and activations; unanswered, 0 s, up to
 * 72 h), the quote path ({@link QuoteService#price}) and the pipeline path (the dialer's E.164 CallEnded, with or
 * without the hopper's number reading, through {@link CallDetailRecordService#rate} and
 * {@link CallDetailRecordService#recordOf}, and the breakdown through its JSON column and back) give the same
 * RatedCall, equal field by field (BigDecimal scales included, so "to the cent" and more), and the CallCharged
 * carries that cost. A number the quote cannot read is never dialled, so there it is an INVALID_NUMBER quote.
 * Random data from RatingEquivalenceTest's generators, one seed per try.
 */
class QuoteAgreesWithStoredRatingPropertiesTest {

    private static final RatingEngine ENGINE = new RatingEngine();
    /** the longest quote POST /api/v1/quotes accepts */
    private static final long LONGEST_QUOTE = 259_200;

    @Property(tries = 600)
    void aQuoteIsTheStoredRatingOfTheSameCall(@ForAll long seed) {
        Random random = new Random(seed);
        List<TariffVersion> versions = RatingEquivalenceTest.versions(random);
        CallUsage call = RatingEquivalenceTest.call(random, versions);
        long seconds = call.billableSeconds() % (LONGEST_QUOTE + 1);
        Instant answered = call.answeredAt() != null ? call.answeredAt() : call.startedAt();
        boolean unanswered = call.answeredAt() == null;
        if (unanswered) {
            seconds = 0;
        }

        // a quote of 0 s is an unanswered call at startAt; an answered 0-s call starts at its answer: the same instant
        RatingOutcome quoted = QuoteService.price(ENGINE, call.number(), answered, seconds, versions);

        // the number as the dialer dials it: E.164, read in the region of the tariff version in force at the answer
        TariffVersion atAnswer = versions.stream().filter(v -> !v.effectiveFrom().isAfter(answered))
                .reduce((a, b) -> b.effectiveFrom().isAfter(a.effectiveFrom()) ? b : a).orElse(null);
        Assume.that(atAnswer != null); // no version yet: nothing to store (both are NO_TARIFF; RatingEngineTest)
        String e164;
        try {
            e164 = NumberNormalizer.normalize(call.number(), atAnswer.defaultRegion()).e164();
        } catch (IllegalArgumentException unreadable) {
            assertThat(quoted).isInstanceOfSatisfying(UnratedCall.class,
                    u -> assertThat(u.reason()).isEqualTo(UnratedReason.INVALID_NUMBER));
            return;
        }
        Assume.that(e164.matches("\\+[1-9][0-9]{1,14}")); // what a CallEnded may carry
        // the quote of the number as typed is the quote of the number dialled: a reading's E.164 reads as itself
        // (NumberNormalizer goes on from "+49006980767909" past +4906980767909 to +496980767909)
        RatingOutcome dialled = QuoteService.price(ENGINE, e164, answered, seconds, versions);
        assertThat(quoted).as("seed %d: typed %s, dialled %s", seed, call.number(), e164).isEqualTo(dialled);

        CallEnded ended = CallEnded.of("tenant-q", answered.plusSeconds(seconds), "call-" + seed, "cmp-1", "att-1", "ct-1", e164,
                "carrier-1", null, unanswered ? CallDisposition.NO_ANSWER : CallDisposition.ANSWERED_HUMAN, call.startedAt(), null,
                unanswered ? null : answered, answered.plusSeconds(seconds), seconds, false, null, null);
        NumberReadingEquivalenceTest.HopperReading reading = NumberReadingEquivalenceTest.hopperReading(e164);
        if (reading != null && random.nextBoolean()) {
            ended = ended.withNumberReading(reading.type(), reading.rangeCarrier());
        }
        RatingOutcome piped = CallDetailRecordService.rate(ENGINE, ended,
                Optional.of(new TariffBook.CarrierTariff(null, versions, List.of())));
        CallDetailRecord stored = CallDetailRecordService.recordOf(ended, piped, Instant.now());

        Statistics.collect(quoted instanceof RatedCall r ? (r.segments().size() > 1 ? "rated, several segments" : "rated")
                : "unrated " + ((UnratedCall) quoted).reason());
        if (quoted instanceof UnratedCall q) {
            assertThat(piped).as("seed %d", seed).isInstanceOf(UnratedCall.class);
            assertThat(((UnratedCall) piped).reason()).isEqualTo(q.reason());
            assertThat(stored.unratedReason()).isEqualTo(q.reason().name());
            return;
        }
        RatedCall quote = (RatedCall) quoted;
        RatedCall storedBreakdown = JsonColumns.read(JsonColumns.write(stored.breakdown()), RatedCall.class);
        assertThat(storedBreakdown).as("seed %d", seed).isEqualTo(quote);
        assertThat(stored.cost()).isEqualTo(quote.cost());
        assertThat(stored.currency()).isEqualTo(quote.currency());
        assertThat(stored.billedSeconds()).isEqualTo(quote.billedSeconds());
        assertThat(stored.destinationPrefix()).isEqualTo(quote.destinationPrefix());

        CallCharged charged = EventJson.read(EventJson.write(ChargeEvents.charged(ended, (RatedCall) piped)), CallCharged.class);
        assertThat(charged.cost()).as("the event travels the cost with its scale").isEqualTo(new Money(quote.cost(), quote.currency()));
        assertThat(charged.breakdown().segments()).hasSameSizeAs(quote.segments());
    }
}
