package io.waihu.dialer.domain.routing;

import io.waihu.events.Money;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.RouteEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTableTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static RouteEntry route(String prefix, String amount, String currency) {
        return new RouteEntry(prefix, DestinationClass.MOBILE, Money.of(amount, currency));
    }

    static CarrierTariff tariff(String carrier, int version, String currency, int weight, Instant from, Instant until, RouteEntry... routes) {
        return new CarrierTariff("t1", "deck-" + carrier, version, carrier, carrier, currency, from, until, weight, List.of(routes));
    }

    static List<String> order(RouteRanking ranking) {
        return ranking.options().stream().map(RouteOption::carrierId).toList();
    }

    @Test
    void longestPrefixPerCarrierThenCheapestFirst() {
        RoutingTable table = new RoutingTable(List.of(
                // a: cheap on the broad prefix but its longer, more specific prefix is dear
                tariff("a", 1, "CNY", 0, T0, null, route("86", "0.05", "CNY"), route("86138", "0.40", "CNY")),
                tariff("b", 1, "CNY", 0, T0, null, route("8613", "0.20", "CNY")),
                tariff("c", 1, "CNY", 0, T0, null, route("1", "0.01", "CNY"))));
        RouteRanking r = table.rank("t1", "+8613800138000", List.of(), null, NOW);
        assertThat(order(r)).containsExactly("b", "a");
        assertThat(r.options().get(0).prefix()).isEqualTo("8613");
        assertThat(r.options().get(1).prefix()).isEqualTo("86138");
        assertThat(r.options().get(1).rank()).isEqualTo(2);
        assertThat(r.excluded()).extracting(RouteRanking.Exclusion::carrierId).containsExactly("c");
        // another number: a's broad prefix applies
        assertThat(order(table.rank("t1", "+8610123456", List.of(), null, NOW))).containsExactly("a");
    }

    @Test
    void equalCostGoesToTheHigherWeight() {
        RoutingTable table = new RoutingTable(List.of(
                tariff("light", 1, "CNY", 1, T0, null, route("86", "0.10", "CNY")),
                tariff("heavy", 1, "CNY", 5, T0, null, route("86", "0.1000", "CNY"))));
        assertThat(order(table.rank("t1", "+8613800138000", List.of(), null, NOW))).containsExactly("heavy", "light");
    }

    @Test
    void allowListLimitsTheCarriers() {
        RoutingTable table = new RoutingTable(List.of(
                tariff("a", 1, "CNY", 0, T0, null, route("86", "0.05", "CNY")),
                tariff("b", 1, "CNY", 0, T0, null, route("86", "0.20", "CNY"))));
        RouteRanking r = table.rank("t1", "+8613800138000", List.of("b", "z"), null, NOW);
        assertThat(order(r)).containsExactly("b");
        assertThat(r.excluded()).extracting(RouteRanking.Exclusion::carrierId).containsExactlyInAnyOrder("a", "z");
        assertThat(table.rank("t1", "+8613800138000", List.of("z"), null, NOW).reachable()).isFalse();
    }

    @Test
    void currenciesAreNeverCompared() {
        RoutingTable table = new RoutingTable(List.of(
                // 0.01 USD is not "cheaper" than 0.50 CNY: the two are never compared
                tariff("usd", 1, "USD", 0, T0, null, route("86", "0.01", "USD")),
                tariff("cny-dear", 1, "CNY", 0, T0, null, route("86", "0.50", "CNY")),
                tariff("cny-cheap", 1, "CNY", 0, T0, null, route("86", "0.30", "CNY"))));
        // the campaign budget is in CNY: CNY carriers are compared and ranked first, USD only after them
        RouteRanking cny = table.rank("t1", "+8613800138000", List.of(), "CNY", NOW);
        assertThat(cny.comparedCurrency()).isEqualTo("CNY");
        assertThat(order(cny)).containsExactly("cny-cheap", "cny-dear", "usd");
        RouteRanking usd = table.rank("t1", "+8613800138000", List.of(), "USD", NOW);
        assertThat(order(usd)).containsExactly("usd", "cny-cheap", "cny-dear");
        // no preference: the currency most carriers quote in
        assertThat(table.rank("t1", "+8613800138000", List.of(), null, NOW).comparedCurrency()).isEqualTo("CNY");
    }

    @Test
    void higherVersionReplacesLowerOnceStartedAndValidityIsHonoured() {
        Instant later = NOW.plusSeconds(3600);
        RoutingTable table = new RoutingTable(List.of(
                tariff("a", 1, "CNY", 0, T0, null, route("86", "0.05", "CNY")),
                tariff("a", 2, "CNY", 0, later, null, route("86", "0.50", "CNY")),
                tariff("b", 1, "CNY", 0, T0, null, route("86", "0.20", "CNY"))));
        assertThat(order(table.rank("t1", "+8613800138000", List.of(), null, NOW))).containsExactly("a", "b");
        assertThat(table.rank("t1", "+8613800138000", List.of(), null, NOW).options().get(0).tariffVersion()).isEqualTo(1);
        // version 2 has started: a is now dearer than b
        assertThat(order(table.rank("t1", "+8613800138000", List.of(), null, later))).containsExactly("b", "a");
        // expired tariffs route nothing, and a version that ended does not bring back the older one
        RoutingTable expired = new RoutingTable(List.of(
                tariff("a", 1, "CNY", 0, T0, null, route("86", "0.05", "CNY")),
                tariff("a", 2, "CNY", 0, T0.plusSeconds(60), NOW.minusSeconds(1), route("86", "0.05", "CNY"))));
        assertThat(expired.rank("t1", "+8613800138000", List.of(), null, NOW).reachable()).isFalse();
        // not yet valid
        assertThat(new RoutingTable(List.of(tariff("a", 1, "CNY", 0, later, null, route("86", "0.05", "CNY"))))
                .rank("t1", "+8613800138000", List.of(), null, NOW).reachable()).isFalse();
    }

    @Test
    void theVersionThatStartedLastIsInForceWhateverItsNumber() {
        Instant nov15 = Instant.parse("2026-11-15T00:00:00Z");
        Instant dec1 = Instant.parse("2026-12-01T00:00:00Z");
        Instant nov28 = Instant.parse("2026-11-28T00:00:00Z");
        // v3 was uploaded after v2 but starts before it: from Nov 28 until v2 takes over on Dec 1
        RoutingTable inserted = new RoutingTable(List.of(
                tariff("a", 1, "CNY", 0, T0, nov28, route("86", "0.10", "CNY")),
                tariff("a", 2, "CNY", 0, dec1, null, route("86", "0.30", "CNY")),
                tariff("a", 3, "CNY", 0, nov28, dec1, route("86", "0.20", "CNY"))));
        assertThat(versionInForce(inserted, NOW)).isEqualTo(1);
        assertThat(versionInForce(inserted, nov28.plusSeconds(60))).isEqualTo(3);
        assertThat(versionInForce(inserted, dec1.plusSeconds(60))).isEqualTo(2);
        // a correction of the past (v3 from Nov 1, replaced by v2 on Nov 15) does not hide the version in force
        RoutingTable corrected = new RoutingTable(List.of(
                tariff("a", 1, "CNY", 0, T0, nov15, route("86", "0.10", "CNY")),
                tariff("a", 2, "CNY", 0, nov15, null, route("86", "0.30", "CNY")),
                tariff("a", 3, "CNY", 0, T0.plusSeconds(1), nov15, route("86", "0.20", "CNY"))));
        assertThat(versionInForce(corrected, NOW)).isEqualTo(2);
        assertThat(versionInForce(corrected, nov15.minusSeconds(60))).isEqualTo(3);
    }

    private static int versionInForce(RoutingTable table, Instant at) {
        RouteRanking ranking = table.rank("t1", "+8613800138000", List.of(), null, at);
        assertThat(ranking.options()).hasSize(1);
        return ranking.options().get(0).tariffVersion();
    }

    @Test
    void failoverOrderIsTheRankingAndTenantsAreApart() {
        RoutingTable table = new RoutingTable(List.of(
                tariff("a", 1, "CNY", 0, T0, null, route("86", "0.05", "CNY")),
                tariff("b", 1, "CNY", 0, T0, null, route("86", "0.20", "CNY")),
                tariff("c", 1, "CNY", 0, T0, null, route("86", "0.10", "CNY"))));
        RouteRanking r = table.rank("t1", "+8613800138000", List.of(), null, NOW);
        // the dialer tries option 1, then 2, then 3 when a carrier fails at setup
        assertThat(order(r)).containsExactly("a", "c", "b");
        assertThat(r.options()).extracting(RouteOption::rank).containsExactly(1, 2, 3);
        assertThat(table.rank("t2", "+8613800138000", List.of(), null, NOW).reachable()).isFalse();
    }
}
