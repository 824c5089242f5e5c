package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.service.HopperService;
import io.waihu.platform.persistence.Rows;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.waihu.campaign.CampaignApi.act;
import static io.waihu.campaign.CampaignApi.create;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the hopper takes to select from a 1,000,000-contact list (not part of the normal test run; its name
 * does not end in Test). Run:
 * {@code mvn -B -o test -pl campaign-service -Dtest=HopperSelectionBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.segment=all} puts every contact of the list in the segment: 1,000,000 enrolled instead of 500,000).
 * Figures go to docs/benchmarks.md, section "Hopper selection (campaign-service)".
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestProfile(HopperSelectionBench.NoLoop.class)
class HopperSelectionBench {

    /** The background loop is off: every tick measured here is the bench's own. */
    public static class NoLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waihu.hopper.enabled", "false");
        }
    }

    static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000_000);
    static final int HOPPER = 1000;
    /** "half" (default): the segment tier=gold holds half the list; "all": the segment holds every contact. */
    static final String SEGMENT = System.getProperty("bench.segment", "half");

    @Inject
    Pool pool;
    @Inject
    HopperService hopper;

    @Test
    void selectFromAMillionContacts() {
        String tenant = "bench-" + UUID.randomUUID();
        String list = "big-list";
        long t0 = System.nanoTime();
        // Chinese mobile numbers (one zone, Asia/Shanghai), recorded consent, half of them in the segment
        pool.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, attributes, consent, status, "
                        + "last_event_at, created_at, updated_at) "
                        + "SELECT gen_random_uuid(), $1, 'ext-' || i, $2, 'c' || i, "
                        + "jsonb_build_array(jsonb_build_object('number', '+86138' || lpad(i::text, 8, '0'), 'type', 'MOBILE')), "
                        + "jsonb_build_object('tier', CASE WHEN i % 2 = 0 THEN 'gold' ELSE 'bronze' END), "
                        + "'{\"basis\":\"RECORDED_CALL\"}'::jsonb, 'ACTIVE', now(), now() - interval '10 minutes', now() - interval '10 minutes' "
                        + "FROM generate_series(1, $3) AS i")
                .execute(Tuple.of(tenant, list, CONTACTS)).await().indefinitely();
        pool.query("ANALYZE contact").execute().await().indefinitely();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> s = CampaignApi.settings("Bench", List.of(list), "CN");
        s.put("hopperSize", HOPPER);
        boolean all = SEGMENT.equals("all");
        s.put("segment", all ? Map.of("tier", List.of("gold", "bronze")) : Map.of("tier", "gold"));
        String id = create(tenant, s);
        act(tenant, id, "start").statusCode(200);
        UUID cid = UUID.fromString(id);

        long e0 = System.nanoTime();
        HopperService.TickResult first = hopper.tick(cid, Instant.now()).await().indefinitely();
        double firstTick = (System.nanoTime() - e0) / 1e9;
        long enrolled = pool.preparedQuery("SELECT count(*) FROM campaign_contact WHERE campaign_id = $1").execute(Tuple.of(cid))
                .map(Rows::count).await().indefinitely();
        pool.query("ANALYZE campaign_contact").execute().await().indefinitely();

        List<Double> ticks = new ArrayList<>();
        List<Integer> released = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            // the dialer answers every outstanding request (NO_ANSWER, retry in an hour): the hopper refills 1,000 slots
            pool.preparedQuery("WITH closed AS (UPDATE attempt SET status = 'ENDED', disposition = 'NO_ANSWER' "
                            + "WHERE campaign_id = $1 AND status IN ('REQUESTED', 'PLACED') RETURNING contact_id) "
                            + "UPDATE campaign_contact cc SET outstanding = false, next_attempt_at = now() + interval '1 hour' "
                            + "FROM closed WHERE cc.campaign_id = $1 AND cc.contact_id = closed.contact_id")
                    .execute(Tuple.of(cid)).await().indefinitely();
            long s0 = System.nanoTime();
            HopperService.TickResult r = hopper.tick(cid, Instant.now()).await().indefinitely();
            ticks.add((System.nanoTime() - s0) / 1e6);
            released.add(r.released());
        }
        List<Double> sorted = ticks.stream().sorted().toList();
        System.out.printf("HOPPER-BENCH contacts=%d inSegment=%d load=%.1fs firstTick(enrol+select+release)=%.2fs released=%d "
                        + "steadyTicks(ms)=%s median=%.0fms released=%s%n", CONTACTS, enrolled, loadSeconds, firstTick, first.released(),
                ticks.stream().map(x -> String.format("%.0f", x)).toList(), sorted.get(sorted.size() / 2), released);
        assertThat(enrolled).isEqualTo(all ? CONTACTS : CONTACTS / 2);
        assertThat(first.released()).isEqualTo(HOPPER);
        assertThat(released).allMatch(n -> n == HOPPER);
    }
}
