package io.waihu.analytics.repository;

import java.math.BigDecimal;

/** NUMERIC columns come back with the column's scale; amounts are shown without trailing zeros. */
public final class Amounts {

    private Amounts() {
    }

    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
