package io.waihu.analytics.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

/** Which alert thresholds a campaign's spend has reached. Pure, so it can be checked exhaustively. */
public final class BudgetRule {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private BudgetRule() {
    }

    /**
     * The alert percents (1..100, ascending, once each) whose share of the budget the spend has reached:
     * spent × 100 ≥ budget × percent, exactly, in decimals. Percents above 100 cannot be expressed as a
     * BudgetThresholdReached (its contract allows 1..100); {@link #exhausted} covers the budget itself.
     */
    public static List<Integer> reached(BigDecimal spent, BigDecimal budget, List<Integer> percents) {
        if (budget.signum() <= 0 || spent.signum() <= 0) {
            return List.of();
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (Integer p : percents) {
            if (p != null && p >= 1 && p <= 100 && spent.multiply(HUNDRED).compareTo(budget.multiply(BigDecimal.valueOf(p))) >= 0) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The whole budget is spent (a budget of zero or less is treated as no budget). */
    public static boolean exhausted(BigDecimal spent, BigDecimal budget) {
        return budget.signum() > 0 && spent.compareTo(budget) >= 0;
    }
}
