package io.waihu.events.billing;

import io.waihu.events.Money;
import io.waihu.events.Require;

import java.util.List;

/**
 * How a call's cost was reached: connect fee plus segments, then adjustments in order.
 *
 * @param segments Rated parts of the call, in time order.
 * @param connectFee Charged once per connected call; zero when the tariff has none.
 * @param adjustments Applied in order; the last one's after is the cost.
 */
public record ChargeBreakdown(
        List<ChargeSegment> segments,
        Money connectFee,
        List<ChargeAdjustment> adjustments) {

    public ChargeBreakdown {
        segments = Require.list(segments, "segments", 0);
        Require.present(connectFee, "connectFee");
        adjustments = Require.list(adjustments, "adjustments", 0);
    }
}
