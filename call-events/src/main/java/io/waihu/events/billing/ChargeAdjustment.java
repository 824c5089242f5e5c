package io.waihu.events.billing;

import io.waihu.events.Money;
import io.waihu.events.Require;

/**
 * A step after rating (bundle minutes, discount, cap) with the total before and after it.
 *
 * @param kind What adjusted the total, e.g. bundle-minutes or volume-discount-10pct.
 * @param before Total before this step.
 * @param after Total after this step.
 */
public record ChargeAdjustment(
        String kind,
        Money before,
        Money after) {

    public ChargeAdjustment {
        Require.id(kind, "kind");
        Require.present(before, "before");
        Require.present(after, "after");
    }
}
