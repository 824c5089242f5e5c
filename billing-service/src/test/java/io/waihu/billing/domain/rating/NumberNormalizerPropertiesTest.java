package io.waihu.billing.domain.rating;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reading's E.164 reads as itself: a quote typed in any form and the call dialled to the E.164 it gave are rated as
 * one number.
 */
class NumberNormalizerPropertiesTest {

    @Example
    void aNumberWhoseFirstE164ReadsAsAnotherGoesOnToTheStableOne() {
        NumberNormalizer.Normalized typed = NumberNormalizer.normalize("+49006980767909", "CN");

        assertThat(typed.e164()).isEqualTo("+496980767909");
        assertThat(NumberNormalizer.normalize("+4906980767909", "ZZ")).isEqualTo(typed);
        // an Italian number keeps its leading zero: it is valid, and already stable
        assertThat(NumberNormalizer.normalize("06 6982 1234", "IT").e164()).isEqualTo("+390669821234");
    }

    @Property(tries = 5000)
    void theE164OfAReadingReadsAsTheSameReading(@ForAll("dialled") String[] dialledAndRegion) {
        NumberNormalizer.Normalized first;
        try {
            first = NumberNormalizer.normalize(dialledAndRegion[0], dialledAndRegion[1]);
        } catch (IllegalArgumentException refused) {
            Assume.that(false);
            return;
        }
        Statistics.collect(first.type());

        assertThat(NumberNormalizer.normalize(first.e164(), "ZZ")).as(dialledAndRegion[0]).isEqualTo(first);
    }

    /** Digits under country codes with national prefixes, leading zeros and short numbers, in the usual written forms. */
    @Provide
    Arbitrary<String[]> dialled() {
        Arbitrary<String[]> country = Arbitraries.of(new String[]{"86", "CN"}, new String[]{"49", "DE"},
                new String[]{"1", "US"}, new String[]{"44", "GB"}, new String[]{"39", "IT"}, new String[]{"33", "FR"},
                new String[]{"81", "JP"}, new String[]{"7", "RU"}, new String[]{"852", "HK"}, new String[]{"61", "AU"});
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(4).ofMaxLength(14);
        return country.flatMap(cc -> digits.flatMap(d -> Arbitraries.of(
                new String[]{"+" + cc[0] + d, "CN"},
                new String[]{"+" + cc[0] + "0" + d, "CN"},
                new String[]{"00" + cc[0] + d, "CN"},
                new String[]{"0" + d, cc[1]},
                new String[]{d, cc[1]})));
    }
}
