package io.waihu.events.billing;

import io.waihu.events.Money;
import io.waihu.events.Require;

/**
 * One destination prefix a carrier reaches, and what a typical call there costs.
 *
 * @param prefix Dialled-number prefix, digits without '+', longest match wins.
 * @param destinationClass Class of the destination.
 * @param typicalCallCost Cost of a call of typicalCallSeconds, in the tariff currency; the dialer's routing
 * weight.
 */
public record RouteEntry(
        String prefix,
        DestinationClass destinationClass,
        Money typicalCallCost) {

    public RouteEntry {
        Require.digits(prefix, "prefix");
        Require.present(destinationClass, "destinationClass");
        Require.present(typicalCallCost, "typicalCallCost");
    }
}
