package io.waihu.billing.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.NumberNormalizer;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingEquivalenceTest;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.events.NumberType;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CallEnded that carries the hopper's reading of its number is rated exactly as billing rates it when it reads the
 * number itself: same e164, type and range owner, and the same RatedCall (breakdown included) or UnratedCall.
 *
 * <p>The reading "made in the hopper's way" is libphonenumber's separate answers under the hopper's rule (a reading
 * only for a possible number written in its own E.164 form: getNumberType, PhoneNumberToCarrierMapper.getNameForNumber);
 * campaign-service's CalleeZonesReadingTest proves the hopper's one-parse reading gives exactly these answers for the
 * same kind of seeded set. Numbers: example numbers of 30 regions and every type, with random subscriber digits,
 * shorter and longer; tariffs and call instants/durations: RatingEquivalenceTest's random generators. Fixed seeds.
 */
class NumberReadingEquivalenceTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();
    private static final List<String> REGIONS = List.of("US", "CA", "GB", "CN", "DE", "FR", "IN", "BR", "AU", "JP", "MX", "ZA",
            "NG", "RU", "ES", "IT", "SG", "HK", "KR", "ID", "AR", "NZ", "KE", "EG", "TR", "SE", "PL", "PH", "VN", "CL");

    /** The hopper's reading as libphonenumber's separate calls give it. */
    record HopperReading(NumberType type, String rangeCarrier) {
    }

    /** @return null when the hopper carries no reading (not a possible number, or not in its own E.164 form) */
    static HopperReading hopperReading(String e164) {
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
        if (!UTIL.isPossibleNumber(parsed) || !e164.equals(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))) {
            return null;
        }
        String owner = CARRIERS.getNameForNumber(parsed, Locale.ENGLISH);
        return new HopperReading(NumberType.valueOf(UTIL.getNumberType(parsed).name()), owner.isEmpty() ? null : owner);
    }

    /** Example numbers of every region and type, then each with random subscriber digits, shorter and longer. */
    static List<String> seededNumbers(long seed, int variantsPerExample) {
        Random random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        for (String region : REGIONS) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                out.add(e164);
                for (int i = 0; i < variantsPerExample; i++) {
                    StringBuilder b = new StringBuilder(e164);
                    int keep = Math.max(3, b.length() - 1 - random.nextInt(6));
                    for (int d = keep; d < b.length(); d++) {
                        b.setCharAt(d, (char) ('0' + random.nextInt(10)));
                    }
                    switch (random.nextInt(6)) {
                        case 0 -> b.setLength(Math.max(4, b.length() - 1));
                        case 1 -> b.append((char) ('0' + random.nextInt(10)));
                        default -> { }
                    }
                    if (b.length() <= 16) {
                        out.add(b.toString()); // at most 15 digits, as the events' contract allows
                    }
                }
            }
        }
        out.add("+8601012345678");
        out.add("+8613800138000");
        return new ArrayList<>(out);
    }

    @Test
    void aCarriedReadingIsBillingsOwnReadingAndRatesTheCallIdentically() {
        long seed = 20261127L;
        List<String> numbers = seededNumbers(seed, 60);
        RatingEngine engine = new RatingEngine();
        Random random = new Random(seed);
        Map<NumberType, Integer> types = new EnumMap<>(NumberType.class);
        int carried = 0;
        int notCarried = 0;
        int rated = 0;
        int unrated = 0;
        int withOwner = 0;
        List<TariffVersion> versions = null;
        for (int n = 0; n < numbers.size(); n++) {
            if (n % 500 == 0) {
                // a new random tariff every 500 numbers: other zones, bands, versions, prefixes, roundings
                versions = RatingEquivalenceTest.versions(new Random(seed + n));
            }
            String number = numbers.get(n);
            HopperReading reading = hopperReading(number);
            if (reading == null) {
                notCarried++;
                continue;
            }
            String why = "seed " + seed + ", number " + number + ", reading " + reading;
            carried++;
            types.merge(reading.type(), 1, Integer::sum);
            withOwner += reading.rangeCarrier() == null ? 0 : 1;

            // the reading itself: what billing reads from the same text, under any default region a tariff may have
            NumberNormalizer.Normalized fromEvent = NumberNormalizer.carried(number, reading.type(), reading.rangeCarrier());
            for (String region : new String[]{null, "CN", "DE", "US"}) {
                assertEquals(NumberNormalizer.normalize(number, region), fromEvent, why + ", region " + region);
            }

            // the rated call, through the pipeline's mapping of CallEnded, for a few random calls per number
            Optional<TariffBook.CarrierTariff> tariff = Optional.of(new TariffBook.CarrierTariff(null, versions, List.of()));
            for (int i = 0; i < 3; i++) {
                CallUsage usage = RatingEquivalenceTest.call(random, versions);
                CallEnded plain = callEnded(number, usage);
                CallEnded withReading = plain.withNumberReading(reading.type(), reading.rangeCarrier());
                RatingOutcome itself = CallDetailRecordService.rate(engine, plain, tariff);
                RatingOutcome fromReading = CallDetailRecordService.rate(engine, withReading, tariff);
                assertEquals(itself, fromReading, why + ", call " + usage);
                if (fromReading instanceof RatedCall r) {
                    rated++;
                    assertEquals(reading.type().name(), r.numberType(), why);
                    assertEquals(reading.rangeCarrier(), r.rangeCarrier(), why);
                } else {
                    unrated++;
                }
            }
        }
        assertTrue(numbers.size() > 10_000, "numbers " + numbers.size());
        assertTrue(carried > 8_000 && notCarried > 100, "carried readings " + carried + ", not carried " + notCarried);
        assertTrue(withOwner > 500, "readings with a range owner " + withOwner);
        assertTrue(rated > 5_000 && unrated > 100, "rated " + rated + ", unrated " + unrated);
        for (NumberType type : List.of(NumberType.MOBILE, NumberType.FIXED_LINE, NumberType.FIXED_LINE_OR_MOBILE,
                NumberType.TOLL_FREE, NumberType.PREMIUM_RATE, NumberType.VOIP, NumberType.UNKNOWN)) {
            assertTrue(types.getOrDefault(type, 0) > 0, "no " + type + " in " + types);
        }
    }

    @Test
    void thePipelineRatesWithTheCarriedReadingAndReadsTheNumberWhenThereIsNone() {
        List<TariffVersion> versions = RatingEquivalenceTest.versions(new Random(7));
        Optional<TariffBook.CarrierTariff> tariff = Optional.of(new TariffBook.CarrierTariff(null, versions, List.of()));
        RatingEngine engine = new RatingEngine();
        int checked = 0;
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            CallUsage usage = RatingEquivalenceTest.call(random, versions);
            CallEnded plain = callEnded("+8613800138000", usage);

            RatingOutcome itself = CallDetailRecordService.rate(engine, plain, tariff);
            // a reading that disagrees with libphonenumber shows in the result: the pipeline took the event's reading
            RatingOutcome odd = CallDetailRecordService.rate(engine, plain.withNumberReading(NumberType.PAGER, "Someone"), tariff);

            assertNull(plain.numberType());
            if (itself instanceof RatedCall r) {
                RatedCall o = (RatedCall) odd;
                assertEquals("MOBILE", r.numberType());
                assertEquals("China Mobile", r.rangeCarrier());
                assertEquals("PAGER", o.numberType());
                assertEquals("Someone", o.rangeCarrier());
                assertEquals(r.cost(), o.cost());
                assertEquals(r.segments(), o.segments());
                checked++;
            } else {
                assertEquals(((UnratedCall) itself).reason(), ((UnratedCall) odd).reason());
            }
        }
        assertTrue(checked > 20, "rated calls " + checked);
    }

    private static CallEnded callEnded(String number, CallUsage usage) {
        Instant ended = (usage.answeredAt() != null ? usage.answeredAt() : usage.startedAt()).plusSeconds(usage.billableSeconds());
        return CallEnded.of("tenant-1", null, "call-1", "cmp-1", "att-1", "ct-1", number, "carrier-1", null,
                usage.answeredAt() != null ? CallDisposition.ANSWERED_HUMAN : CallDisposition.NO_ANSWER, usage.startedAt(), null,
                usage.answeredAt(), ended, usage.billableSeconds(), false, null, null);
    }
}
