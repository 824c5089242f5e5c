package io.waihu.dialer.domain.routing;

import io.waihu.events.billing.RouteEntry;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One tariff version's routing view: the prefixes a carrier reaches and a typical call's cost on each. */
public final class CarrierTariff {

    private final String tenantId;
    private final String tariffId;
    private final int tariffVersion;
    private final String carrierId;
    private final String carrierName;
    private final String currency;
    private final Instant validFrom;
    private final Instant validUntil;
    private final int weight;
    private final Map<String, RouteEntry> byPrefix;
    private final int longestPrefix;

    public CarrierTariff(String tenantId, String tariffId, int tariffVersion, String carrierId, String carrierName, String currency,
                         Instant validFrom, Instant validUntil, int weight, List<RouteEntry> routes) {
        this.tenantId = tenantId;
        this.tariffId = tariffId;
        this.tariffVersion = tariffVersion;
        this.carrierId = carrierId;
        this.carrierName = carrierName;
        this.currency = currency;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.weight = weight;
        this.byPrefix = new HashMap<>(routes.size() * 2);
        int longest = 0;
        for (RouteEntry route : routes) {
            byPrefix.put(route.prefix(), route);
            longest = Math.max(longest, route.prefix().length());
        }
        this.longestPrefix = longest;
    }

    /** The longest prefix of these digits the tariff has a route for, or null. */
    public RouteEntry longestMatch(String digits) {
        for (int len = Math.min(longestPrefix, digits.length()); len >= 0; len--) {
            RouteEntry route = byPrefix.get(digits.substring(0, len));
            if (route != null) {
                return route;
            }
        }
        return null;
    }

    public boolean inForceAt(Instant now) {
        return !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
    }

    public String tenantId() {
        return tenantId;
    }

    public String tariffId() {
        return tariffId;
    }

    public int tariffVersion() {
        return tariffVersion;
    }

    public String carrierId() {
        return carrierId;
    }

    public String carrierName() {
        return carrierName;
    }

    public String currency() {
        return currency;
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public int weight() {
        return weight;
    }

    public int routeCount() {
        return byPrefix.size();
    }
}
