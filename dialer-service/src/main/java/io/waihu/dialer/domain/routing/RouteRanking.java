package io.waihu.dialer.domain.routing;

import java.util.List;

/**
 * The carriers that reach a number, best first, and why the others are not on the list.
 *
 * @param comparedCurrency the currency the costs were compared in; options quoted in another currency come after
 * every option in this one and are ranked among themselves (amounts in different currencies are never compared)
 * @param options best first: the first is dialled, the next ones are the failover order
 * @param excluded carriers not on the list, each with the reason
 */
public record RouteRanking(String number, String comparedCurrency, List<RouteOption> options, List<Exclusion> excluded) {

    public record Exclusion(String carrierId, String reason) {
    }

    public boolean reachable() {
        return !options.isEmpty();
    }
}
