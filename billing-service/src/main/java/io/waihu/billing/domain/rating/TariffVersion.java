package io.waihu.billing.domain.rating;

import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.List;

/**
 * One effective-dated version of a carrier's tariff, compiled for rating: its currency and zone, its band
 * calendar, and its destinations indexed by prefix. Immutable; a new version supersedes it from its
 * {@code effectiveFrom}.
 *
 * @param defaultRegion ISO 3166 region used to read national formats (0…, 00…) of dialled numbers, e.g. "CN"
 */
public record TariffVersion(String tariffId, String carrierId, int version, Currency currency, String defaultRegion,
                            Instant effectiveFrom, BandCalendar calendar, List<Destination> destinations,
                            PrefixIndex index) {

    public static TariffVersion of(String tariffId, String carrierId, int version, Currency currency, String defaultRegion,
                                   Instant effectiveFrom, BandCalendar calendar, Collection<Destination> destinations) {
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("a tariff needs at least one destination");
        }
        List<Destination> list = List.copyOf(destinations);
        return new TariffVersion(tariffId, carrierId, version, currency, defaultRegion, effectiveFrom, calendar, list,
                new PrefixIndex(list));
    }

    /** The destination whose prefix is the longest one of these E.164 digits, or the catch-all, or null. */
    public Destination match(String e164Digits) {
        return index.longestMatch(e164Digits);
    }

    /** As {@link #match(String)}, on an E.164 string ("+8613800138000") read in place, without copying its digits. */
    public Destination matchE164(String e164) {
        return index.longestMatch(e164, 1);
    }
}
