package io.waihu.dialer.domain.routing;

import io.waihu.events.Money;
import io.waihu.events.billing.DestinationClass;

/** A carrier that reaches the number, with the route that matched and what a typical call costs on it. */
public record RouteOption(int rank, String carrierId, String carrierName, String tariffId, int tariffVersion, String prefix,
                          DestinationClass destinationClass, Money typicalCallCost, int weight) {

    RouteOption withRank(int newRank) {
        return new RouteOption(newRank, carrierId, carrierName, tariffId, tariffVersion, prefix, destinationClass, typicalCallCost, weight);
    }
}
