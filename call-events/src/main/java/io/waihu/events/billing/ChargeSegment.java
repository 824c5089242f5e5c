package io.waihu.events.billing;

import io.waihu.events.Money;
import io.waihu.events.Require;

/**
 * The part of a call rated in one time band at one rate.
 *
 * @param band Time band of the tariff, e.g. peak or night.
 * @param rateGroup Tariff rate group the destination fell in.
 * @param secondsUsed Seconds of the call in this band.
 * @param secondsBilled Seconds charged after minimum and increment rounding.
 * @param units Billing increments charged (secondsBilled / increment).
 * @param rate Price of one unit.
 * @param amount units x rate.
 */
public record ChargeSegment(
        String band,
        String rateGroup,
        long secondsUsed,
        long secondsBilled,
        long units,
        Money rate,
        Money amount) {

    public ChargeSegment {
        Require.id(band, "band");
        Require.id(rateGroup, "rateGroup");
        Require.atLeast(secondsUsed, 0, "secondsUsed");
        Require.atLeast(secondsBilled, 0, "secondsBilled");
        Require.atLeast(units, 0, "units");
        Require.present(rate, "rate");
        Require.present(amount, "amount");
    }
}
