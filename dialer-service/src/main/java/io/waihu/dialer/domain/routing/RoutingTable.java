package io.waihu.dialer.domain.routing;

import io.waihu.events.billing.RouteEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Least-cost routing over the tariff versions billing announced. Immutable: the routing service swaps in a new
 * table when a tariff arrives, so a pacing tick reads a consistent one without locks.
 *
 * <p>Per tariff, the version in force is the one that started last (the latest validFrom ≤ now; the higher version
 * number on the same instant), as billing prices calls; it is in force until its validUntil, and a version that
 * started earlier never comes back once a later one started. So a correction uploaded for the past, or a version
 * uploaded to start before one already pending, takes its place by its instant, not by its number. Per carrier, the longest
 * prefix that matches the number wins; carriers are ranked by the typical call's cost, cheapest first, higher
 * weight on a tie, then carrier id for a stable order. Costs are compared only within one currency.
 */
public final class RoutingTable {

    public static final RoutingTable EMPTY = new RoutingTable(List.of());

    private static final Comparator<CarrierTariff> STARTED_LAST = Comparator.comparing(CarrierTariff::validFrom)
            .thenComparingInt(CarrierTariff::tariffVersion);

    private final Map<String, List<CarrierTariff>> byTenant;

    public RoutingTable(Collection<CarrierTariff> tariffs) {
        Map<String, List<CarrierTariff>> map = new HashMap<>();
        for (CarrierTariff t : tariffs) {
            map.computeIfAbsent(t.tenantId(), k -> new ArrayList<>()).add(t);
        }
        this.byTenant = map;
    }

    public int size() {
        return byTenant.values().stream().mapToInt(List::size).sum();
    }

    /** The versions in force now for the tenant, one per tariff. */
    public List<CarrierTariff> inForce(String tenantId, Instant now) {
        Map<String, CarrierTariff> startedLast = new HashMap<>();
        for (CarrierTariff t : byTenant.getOrDefault(tenantId, List.of())) {
            if (t.validFrom().isAfter(now)) {
                continue;
            }
            startedLast.merge(t.tariffId(), t, (a, b) -> STARTED_LAST.compare(a, b) >= 0 ? a : b);
        }
        return startedLast.values().stream().filter(t -> t.inForceAt(now))
                .sorted(Comparator.comparing(CarrierTariff::carrierId).thenComparing(CarrierTariff::tariffId)).toList();
    }

    /**
     * @param allowedCarrierIds the campaign's allow-list; empty means any carrier
     * @param preferredCurrency the currency to compare in when carriers quote several (the campaign budget's), or null
     */
    public RouteRanking rank(String tenantId, String e164, List<String> allowedCarrierIds, String preferredCurrency, Instant now) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        List<RouteRanking.Exclusion> excluded = new ArrayList<>();
        // per carrier the best of its tariffs (a carrier may have more than one deck)
        Map<String, RouteOption> best = new TreeMap<>();
        for (CarrierTariff t : inForce(tenantId, now)) {
            if (!allowedCarrierIds.isEmpty() && !allowedCarrierIds.contains(t.carrierId())) {
                excluded.add(new RouteRanking.Exclusion(t.carrierId(), "not in the campaign's allowedCarrierIds"));
                continue;
            }
            RouteEntry route = t.longestMatch(digits);
            if (route == null) {
                excluded.add(new RouteRanking.Exclusion(t.carrierId(), "tariff " + t.tariffId() + " v" + t.tariffVersion()
                        + " has no prefix matching " + digits));
                continue;
            }
            RouteOption option = new RouteOption(0, t.carrierId(), t.carrierName(), t.tariffId(), t.tariffVersion(), route.prefix(),
                    route.destinationClass(), route.typicalCallCost(), t.weight());
            best.merge(t.carrierId(), option, (a, b) -> !sameCurrency(a, b) || ORDER.compare(a, b) <= 0 ? a : b);
        }
        String compared = comparedCurrency(best.values(), preferredCurrency);
        // the compared currency first, then each other currency as its own group, never priced against another
        Map<String, List<RouteOption>> groups = new TreeMap<>();
        for (RouteOption o : best.values()) {
            groups.computeIfAbsent(o.typicalCallCost().currency(), k -> new ArrayList<>()).add(o);
        }
        Map<String, List<RouteOption>> ordered = new LinkedHashMap<>();
        if (compared != null) {
            ordered.put(compared, groups.remove(compared));
        }
        ordered.putAll(groups);
        List<RouteOption> ranked = new ArrayList<>();
        for (List<RouteOption> group : ordered.values()) {
            group.stream().sorted(ORDER).forEach(o -> ranked.add(o.withRank(ranked.size() + 1)));
        }
        allowedCarrierIds.stream().filter(id -> best.get(id) == null && excluded.stream().noneMatch(e -> e.carrierId().equals(id)))
                .forEach(id -> excluded.add(new RouteRanking.Exclusion(id, "no tariff in force for this carrier")));
        return new RouteRanking(e164, compared, List.copyOf(ranked), List.copyOf(excluded));
    }

    private static final Comparator<RouteOption> ORDER = Comparator
            .comparing((RouteOption o) -> o.typicalCallCost().amount())
            .thenComparing(RouteOption::weight, Comparator.reverseOrder())
            .thenComparing(RouteOption::carrierId);

    private static boolean sameCurrency(RouteOption a, RouteOption b) {
        return a.typicalCallCost().currency().equals(b.typicalCallCost().currency());
    }

    /** The preferred currency if anyone quotes in it, else the one most carriers quote in (alphabetical on a tie). */
    static String comparedCurrency(Collection<RouteOption> options, String preferred) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RouteOption o : options) {
            counts.merge(o.typicalCallCost().currency(), 1, Integer::sum);
        }
        if (preferred != null && counts.containsKey(preferred)) {
            return preferred;
        }
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }
}
