package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;

import java.util.Map;

/**
 * A number prefix of a tariff (E.164 digits without '+'; the empty prefix is the catch-all), its class, and its
 * rate per band.
 */
public record Destination(String prefix, String name, DestinationClass destinationClass, Map<String, DestinationRate> ratesByBand) {

    public Destination {
        if (prefix == null || !prefix.matches("[0-9]{0,15}")) {
            throw new IllegalArgumentException("prefix must be up to 15 digits (empty for the catch-all)");
        }
        if (destinationClass == null) {
            throw new IllegalArgumentException("destination class is required");
        }
        ratesByBand = Map.copyOf(ratesByBand);
    }

    public boolean isCatchAll() {
        return prefix.isEmpty();
    }
}
