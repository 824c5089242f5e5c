package io.waihu.analytics.service;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.analytics.repository.MetricsRepository;
import io.waihu.analytics.repository.MetricsRepository.AbandonCounts;
import io.waihu.analytics.repository.MetricsRepository.Dimension;
import io.waihu.analytics.repository.MetricsRepository.Grain;
import io.waihu.analytics.domain.Totals;
import io.waihu.events.WaihuEvent;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's abandon window now reads whole UTC days from call_rollup_day and only the hours before the first
 * midnight from call_rollup. It must count exactly what the previous read (every hour of call_rollup from the
 * window's start) counted: seeded random streams over 40 days (FoldEquivalenceTest's stream: drops, late charges
 * and outcomes that create a call's fact in another hour before its CallEnded moves it, duplicates, out-of-order
 * arrival) are folded in random batches, then both reads are compared from every fifth hour of the 42 days around
 * the stream and from every midnight, for each campaign, and the overview's own window is compared with the
 * previous read from the start it reports. Replay a failure with {@code -Dfold.seed=<seed>}.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class AbandonWindowReadTest {

    static final int DAYS = 40;

    @Inject
    FoldService fold;

    @Inject
    MetricsRepository metrics;

    @Test
    void dayRowsAndEdgeHoursCountWhatEveryHourCounted() {
        for (long seed : FoldEquivalenceTest.seeds(3L, 20261127L)) {
            compare(seed);
        }
    }

    private void compare(long seed) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String tenant = "aw-" + UUID.randomUUID();
        List<WaihuEvent> events = new FoldEquivalenceTest.Stream(seed, tenant, now, DAYS * 24).events();
        Random sizes = new Random(seed ^ 0x5DEECE66DL);
        List<WaihuEvent> chunk = new ArrayList<>();
        int target = 1 + sizes.nextInt(150);
        for (WaihuEvent e : events) {
            if (e instanceof CampaignEvent c) {
                flush(chunk);
                fold.foldCampaigns(List.of(c)).await().indefinitely();
                continue;
            }
            chunk.add(e);
            if (chunk.size() >= target) {
                flush(chunk);
                target = 1 + sizes.nextInt(150);
            }
        }
        flush(chunk);

        // every fifth hour (5 and 24 are coprime: every hour of the day comes up) and every midnight, from before
        // the first call to after the last
        Set<Instant> starts = new TreeSet<>();
        Instant first = now.minus(Duration.ofDays(DAYS + 1));
        for (Instant h = first; h.isBefore(now.plus(Duration.ofHours(3))); h = h.plus(Duration.ofHours(5))) {
            starts.add(h);
        }
        for (Instant d = first.truncatedTo(ChronoUnit.DAYS); d.isBefore(now.plus(Duration.ofDays(1))); d = d.plus(Duration.ofDays(1))) {
            starts.add(d);
        }
        String why = "seed " + seed;
        int compared = 0;
        Set<AbandonCounts> distinct = new HashSet<>();
        for (String campaign : FoldEquivalenceTest.CAMPAIGNS) {
            for (Instant from : starts) {
                AbandonCounts previous = everyHour(tenant, campaign, from);
                AbandonCounts read = metrics.abandonCounts(tenant, campaign, from).await().indefinitely();
                assertThat(read).as("%s: %s from %s", why, campaign, from).isEqualTo(previous);
                distinct.add(previous);
                compared++;
            }
            Instant before = Instant.now(); // the server reads its clock after this, and before the bound below
            JsonPath window = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                    .when().get("/api/v1/analytics/campaigns/" + campaign + "/overview").then().statusCode(200)
                    .extract().jsonPath();
            Instant from = Instant.parse(window.getString("abandonWindow.from"));
            AbandonCounts previous = everyHour(tenant, campaign, from);
            assertThat(window.getLong("abandonWindow.abandoned")).as("%s: overview of %s", why, campaign).isEqualTo(previous.abandoned());
            assertThat(window.getLong("abandonWindow.liveHumanAnswers")).as("%s: overview of %s", why, campaign).isEqualTo(previous.liveHuman());
            assertThat(from).as("rolling 30 days from an hour").isEqualTo(from.truncatedTo(ChronoUnit.HOURS))
                    .isBetween(before.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS), Instant.now().minus(Duration.ofDays(30)));
        }
        // the stream must have given the comparison something to tell apart: counts that change with the start
        assertThat(distinct).as(why + ": windows with different counts").hasSizeGreaterThan(20);
        assertThat(distinct).as(why).anyMatch(c -> c.abandoned() > 0 && c.liveHuman() > 0);
        System.out.printf("AbandonWindowReadTest %s (%d events): %d windows equal, %d distinct counts%n", why, events.size(),
                compared, distinct.size());
    }

    /** The previous read: every call_rollup hour from {@code from} on, summed (MetricsRepository.totals). */
    private AbandonCounts everyHour(String tenant, String campaign, Instant from) {
        Totals sum = metrics.totals(tenant, campaign, from, null, Grain.NONE, Dimension.NONE).await().indefinitely()
                .values().stream().findFirst().orElse(Totals.empty());
        return new AbandonCounts(sum.counters().abandoned(), sum.counters().liveHuman());
    }

    private void flush(List<WaihuEvent> chunk) {
        if (!chunk.isEmpty()) {
            fold.foldAll(List.copyOf(chunk)).await().indefinitely();
            chunk.clear();
        }
    }
}
