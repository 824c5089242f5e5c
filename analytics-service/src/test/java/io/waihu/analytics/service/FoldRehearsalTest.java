package io.waihu.analytics.service;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.FoldCommits;
import io.waihu.events.Money;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up warm-up (FoldWarmUp) folds made-up polls with {@link FoldService#rehearse}: the whole fold, rolled
 * back. It must leave no row in any table and announce nothing, and it must really run the fold (a refused event
 * fails it, as it fails a real fold), while the same events folded for real store what they should.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class FoldRehearsalTest {

    @Inject
    FoldService fold;

    @Inject
    FoldCommits commits;

    @Inject
    Pool pool;

    @Test
    void aRehearsalFoldsEverythingAndStoresNothing() {
        // the warm-up of this test run's start left nothing behind
        assertThat(rowsOf("warm-up:%")).as("rows left by the start-up warm-up").isEmpty();

        String rehearsed = "rehearsal-" + UUID.randomUUID();
        String real = "real-" + UUID.randomUUID();
        List<WaihuEvent> rehearsedEvents = calls(rehearsed);
        List<CampaignStarted> rehearsedCampaign = List.of(campaign(rehearsed));
        fold.rehearse(rehearsedCampaign, rehearsedEvents).await().indefinitely();
        assertThat(rowsOf(rehearsed)).as("rows left by a rehearsal").isEmpty();
        assertThat(rehearsedEvents).as("announced by a rehearsal").allMatch(e -> commits.committedAt(e.eventId()) == null);

        // the same stream folded for real: facts, rollups, spend, processed events, budget alerts and their outbox records
        List<WaihuEvent> realEvents = calls(real);
        fold.foldCampaigns(List.of(campaign(real))).await().indefinitely();
        fold.foldAll(realEvents).await().indefinitely();
        Map<String, Long> stored = rowsOf(real);
        assertThat(stored).containsEntry("call_fact", 40L).containsEntry("processed_event", 81L)
                .containsKeys("call_rollup", "call_rollup_day", "pdd_rollup", "campaign_spend", "alert", "outbox_event");
        assertThat(realEvents).allMatch(e -> commits.committedAt(e.eventId()) != null);

        // a rehearsal runs the fold's own checks: a charge in a second currency is refused, as in a real fold
        List<WaihuEvent> refused = new ArrayList<>(calls(rehearsed));
        refused.add(CallRerated.of(rehearsed, null, "call-0", "c-1", Money.of("0.50", "USD"), Money.of("0.40", "USD"),
                Money.of("-0.10", "USD"), 2, "fix"));
        assertThatThrownBy(() -> fold.rehearse(rehearsedCampaign, refused).await().indefinitely())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rowsOf(rehearsed)).as("rows left by a failed rehearsal").isEmpty();
    }

    private static CampaignStarted campaign(String tenant) {
        return CampaignStarted.of(tenant, null, "c-1", "rehearsed", DialMode.PREDICTIVE, "cn-default",
                Money.of("5.00", "CNY"), List.of("cm"), null, null, List.of(50, 80, 100));
    }

    /** 40 answered calls of 0.30 CNY each: 12 CNY against a budget of 5, so every threshold is crossed. */
    private static List<WaihuEvent> calls(String tenant) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<WaihuEvent> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String callId = "call-" + i;
            Instant setup = hour.plusSeconds(i * 60L);
            out.add(CallEnded.of(tenant, setup.plusSeconds(64), callId, "c-1", "att-" + i, "k-" + i, "+8613800138000", "cm",
                    null, CallDisposition.ANSWERED_HUMAN, setup, setup.plusSeconds(1), setup.plusSeconds(4),
                    setup.plusSeconds(64), 60, false, null, "Asia/Shanghai"));
            out.add(FoldEquivalenceTest.charged(tenant, callId, "c-1", "cm", setup.plusSeconds(70), new BigDecimal("0.30"),
                    "CNY", DestinationClass.MOBILE, 60));
        }
        return out;
    }

    /** Rows per table (every table with a tenant_id column) of tenants matching the LIKE pattern. */
    private Map<String, Long> rowsOf(String tenantPattern) {
        Map<String, Long> out = new TreeMap<>();
        for (Row t : pool.query("SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' "
                + "AND table_schema = current_schema()").execute().await().indefinitely()) {
            String table = t.getString(0);
            long n = pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE tenant_id LIKE $1")
                    .execute(Tuple.of(tenantPattern)).await().indefinitely().iterator().next().getLong(0);
            if (n > 0) {
                out.put(table, n);
            }
        }
        return out;
    }
}
