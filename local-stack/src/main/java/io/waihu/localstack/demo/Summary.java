package io.waihu.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** The demo's closing summary, from a {@link Scenario.Result}. */
public final class Summary {

    public static final String DASHBOARD = Api.ANALYTICS + "/dashboard/";

    private Summary() {
    }

    public static String of(Scenario.Result r) {
        long suppressed = r.contacts().stream().filter(DemoContacts.GeneratedContact::suppressed).count();
        long placed = r.callsPlaced();
        long answered = r.answered();
        StringBuilder out = new StringBuilder();
        out.append("\nwaihu demo: campaign ").append(r.campaignId()).append(" is ").append(r.campaignStatus())
                .append(" after ").append(r.elapsed().toSeconds()).append(" s\n\n");
        line(out, "contacts", String.format("%,d generated (%,d refused at import: invalid numbers; %,d on the do-not-call list)",
                r.contacts().size(), r.importRejected(), suppressed));
        line(out, "calls", String.format("%,d placed, %,d answered by a person (%s), %,d abandoned (%s of live answers)",
                placed, answered, percent(answered, placed), r.abandoned(), percent(r.abandoned(), answered + r.abandoned())));
        line(out, "conversions", String.format("%,d (SALE or APPOINTMENT), %s of answers; cost per conversion %s",
                r.conversions(), percent(r.conversions(), answered),
                r.conversions() == 0 ? "n/a" : money(r.totalCost().divide(BigDecimal.valueOf(r.conversions()), 4, RoundingMode.HALF_UP))));
        line(out, "cost by carrier", join(r.costByCarrier()));
        line(out, "cost by class", join(r.costByDestinationClass()));
        line(out, "total cost", money(r.totalCost()) + " by billing; " + money(r.requotedTotal()) + " when the same calls are "
                + "re-quoted one by one; analytics shows " + (Scenario.analyticsTotal(r.analyticsOverview()) == null ? "n/a"
                : money(Scenario.analyticsTotal(r.analyticsOverview()))));
        BigDecimal saved = r.defaultCarrierTotal().subtract(r.totalCost());
        line(out, "least-cost routing", "saved " + money(saved) + " (" + percent(saved, r.defaultCarrierTotal()) + ") against "
                + "sending every call through " + DemoTariffs.CHINA_MOBILE.name() + " (" + money(r.defaultCarrierTotal())
                + ", billing's quotes for the same calls)");
        line(out, "dashboard", DASHBOARD + " (sign in with: ./waihu token --tenant " + r.tenant() + " --role supervisor)");
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format("  %-19s %s%n", label, text));
    }

    private static String join(Map<String, BigDecimal> amounts) {
        StringBuilder text = new StringBuilder();
        amounts.forEach((key, amount) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(' ').append(money(amount)));
        return text.length() == 0 ? "none" : text.toString();
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + Scenario.CURRENCY;
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP) + "%";
    }

    static String percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? "n/a" : part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP) + "%";
    }
}
