package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.service.CallEventsService;
import io.waihu.campaign.service.HopperService;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.platform.persistence.Rows;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.waihu.campaign.CampaignApi.act;
import static io.waihu.campaign.CampaignApi.create;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call the dialer placed but never ended (the dialer died mid-call) must not hold its hopper slot for ever: once
 * its deadline is more than waihu.hopper.placed-timeout past, the attempt is LOST, the slot is freed and the contact
 * is due again after the FAILED retry delay. A LOST attempt still counts against the maximum, and a late end of it
 * neither frees the slot of the next attempt nor counts twice. Ticks run on an explicit clock; the loop is off.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestProfile(LostAttemptTest.NoLoop.class)
class LostAttemptTest {

    public static class NoLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waihu.hopper.enabled", "false", "waihu.hopper.deadline", "PT2M", "waihu.hopper.placed-timeout", "PT3H");
        }
    }

    @Inject
    Pool pool;
    @Inject
    HopperService hopper;
    @Inject
    CallEventsService calls;

    @Test
    void aPlacedCallThatNeverEndsIsLostAfterTheTimeoutAndStillCounts() {
        String tenant = "tenant-" + UUID.randomUUID();
        String list = "list-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, attributes, consent, status, last_event_at) "
                        + "VALUES ($1, $2, 'c-1', $3, 'n', '[{\"number\":\"+8613800138000\",\"type\":\"MOBILE\"}]', '{}', NULL, 'ACTIVE', now())")
                .execute(Tuple.of(UUID.randomUUID(), tenant, list)).await().indefinitely();
        Map<String, Object> s = CampaignApi.settings("Lost", List.of(list), "US");
        s.put("caps", Map.of("maxAttemptsPerContact", 2, "maxAttemptsPerDay", 5, "maxAttemptsPer7Days", 10));
        s.put("retryDelays", Map.of("FAILED", "PT10M"));
        s.put("hopperSize", 5);
        String campaignId = create(tenant, s);
        act(tenant, campaignId, "start").statusCode(200);
        UUID cid = UUID.fromString(campaignId);

        // a month ahead (the contact is due whatever the day the test runs), 09:00 in Shanghai: every tick below falls
        // inside the US pack's 08:00-21:00 callee-local hours
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(30)).plus(Duration.ofHours(1));
        assertThat(tick(cid, t0).released()).isEqualTo(1);
        Row first = attempts(cid).get(0);
        UUID firstId = first.getUUID("id");
        place(tenant, campaignId, first, t0.plusSeconds(5));
        assertThat(status(firstId)).isEqualTo("PLACED");

        // still within the bound (deadline t0+2m, timeout 3h): the call may be long, the slot stays taken
        Instant beforeBound = t0.plus(Duration.ofMinutes(2)).plus(Duration.ofHours(3)).minusSeconds(1);
        assertThat(tick(cid, beforeBound).released()).isZero();
        assertThat(status(firstId)).isEqualTo("PLACED");
        assertThat(contact(cid).getBoolean("outstanding")).isTrue();

        // past the bound: LOST, the slot is free, the attempt still counts, due again after the FAILED delay (10 min)
        Instant lostAt = t0.plus(Duration.ofMinutes(2)).plus(Duration.ofHours(3)).plusSeconds(1);
        assertThat(tick(cid, lostAt).released()).isZero();
        assertThat(status(firstId)).isEqualTo("LOST");
        Row cc = contact(cid);
        assertThat(cc.getBoolean("outstanding")).isFalse();
        assertThat(cc.getInteger("attempts")).isEqualTo(1);
        assertThat(Rows.instant(cc, "next_attempt_at")).isEqualTo(lostAt.plus(Duration.ofMinutes(10)));
        assertThat(tick(cid, lostAt.plus(Duration.ofMinutes(10)).minusSeconds(1)).released()).isZero();

        // due: the second (and last allowed) attempt
        Instant secondAt = lostAt.plus(Duration.ofMinutes(10));
        assertThat(tick(cid, secondAt).released()).isEqualTo(1);
        List<Row> all = attempts(cid);
        assertThat(all).hasSize(2);
        Row second = all.get(1);
        assertThat(second.getInteger("attempt_number")).isEqualTo(2);

        // the lost call's end arrives late: recorded, but it neither frees the second attempt's slot nor counts again
        calls.apply(CallEnded.of(tenant, secondAt.plusSeconds(30), "call-" + firstId, campaignId, firstId.toString(),
                first.getUUID("contact_id").toString(), first.getString("number"), "carrier-1", null, CallDisposition.NO_ANSWER,
                t0.plusSeconds(5), null, null, secondAt.plusSeconds(30), 0, false, null, null)).await().indefinitely();
        assertThat(status(firstId)).isEqualTo("ENDED");
        cc = contact(cid);
        assertThat(cc.getBoolean("outstanding")).isTrue();
        assertThat(cc.getInteger("attempts")).isEqualTo(2);

        // the second call is placed and lost too: the maximum (2) is reached, no third attempt is ever released
        UUID secondId = second.getUUID("id");
        place(tenant, campaignId, attempts(cid).get(1), secondAt.plusSeconds(5));
        Instant secondLost = secondAt.plus(Duration.ofMinutes(2)).plus(Duration.ofHours(3)).plusSeconds(1);
        tick(cid, secondLost);
        assertThat(status(secondId)).isEqualTo("LOST");
        for (int i = 1; i <= 3; i++) {
            tick(cid, secondLost.plus(Duration.ofHours(i)));
        }
        assertThat(attempts(cid)).hasSize(2);
        cc = contact(cid);
        assertThat(cc.getInteger("attempts")).isEqualTo(2);
        assertThat(cc.getBoolean("outstanding")).isFalse();
        assertThat(cc.getBoolean("done")).isTrue();
        assertThat(cc.getString("done_reason")).isEqualTo("MAX_ATTEMPTS");
    }

    @Test
    void aRequestPlacedAfterItExpiredStaysExpiredAndItsEndCountsOnce() {
        String tenant = "tenant-" + UUID.randomUUID();
        String list = "list-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO contact (id, tenant_id, external_id, list_id, name, phones, attributes, consent, status, last_event_at) "
                        + "VALUES ($1, $2, 'c-1', $3, 'n', '[{\"number\":\"+8613800138000\",\"type\":\"MOBILE\"}]', '{}', NULL, 'ACTIVE', now())")
                .execute(Tuple.of(UUID.randomUUID(), tenant, list)).await().indefinitely();
        Map<String, Object> s = CampaignApi.settings("Expired", List.of(list), "US");
        s.put("caps", Map.of("maxAttemptsPerContact", 3, "maxAttemptsPerDay", 5, "maxAttemptsPer7Days", 10));
        s.put("hopperSize", 5);
        String campaignId = create(tenant, s);
        act(tenant, campaignId, "start").statusCode(200);
        UUID cid = UUID.fromString(campaignId);

        Instant t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(30)).plus(Duration.ofHours(1));
        assertThat(tick(cid, t0).released()).isEqualTo(1);
        Row first = attempts(cid).get(0);
        // never placed in time: expired 2 minutes after its deadline, its count given back; released again at once
        Instant expiredAt = t0.plus(Duration.ofMinutes(4)).plusSeconds(1);
        assertThat(tick(cid, expiredAt).released()).isEqualTo(1);
        assertThat(status(first.getUUID("id"))).isEqualTo("EXPIRED");
        assertThat(contact(cid).getInteger("attempts")).isEqualTo(1);

        // the dialer places the expired request late after all: it stays EXPIRED and holds no slot
        place(tenant, campaignId, first, expiredAt.plusSeconds(1));
        assertThat(status(first.getUUID("id"))).isEqualTo("EXPIRED");
        calls.apply(CallEnded.of(tenant, expiredAt.plusSeconds(40), "late-call", campaignId, first.getUUID("id").toString(),
                first.getUUID("contact_id").toString(), first.getString("number"), "carrier-1", null, CallDisposition.BUSY,
                expiredAt.plusSeconds(1), null, null, expiredAt.plusSeconds(40), 0, false, null, null)).await().indefinitely();
        Row cc = contact(cid);
        // two calls made (the late one and the outstanding second request): counted once each, the second still open
        assertThat(cc.getInteger("attempts")).isEqualTo(2);
        assertThat(cc.getBoolean("outstanding")).isTrue();
        assertThat(pool.preparedQuery("SELECT count(*) FROM attempt WHERE campaign_id = $1 AND status IN ('REQUESTED', 'PLACED')")
                .execute(Tuple.of(cid)).map(Rows::count).await().indefinitely()).isEqualTo(1);
    }

    private HopperService.TickResult tick(UUID cid, Instant at) {
        return hopper.tick(cid, at).await().indefinitely();
    }

    private void place(String tenant, String campaignId, Row attempt, Instant at) {
        calls.apply(CallPlaced.of(tenant, at, "call-" + attempt.getUUID("id"), campaignId, attempt.getUUID("id").toString(),
                attempt.getString("number"), "carrier-1", "+14155550100", at)).await().indefinitely();
    }

    private List<Row> attempts(UUID cid) {
        return pool.preparedQuery("SELECT id, contact_id, number, call_id, attempt_number, status FROM attempt WHERE campaign_id = $1 "
                        + "ORDER BY attempt_number, requested_at").execute(Tuple.of(cid))
                .map(rows -> Rows.list(rows, r -> r)).await().indefinitely();
    }

    private String status(UUID attemptId) {
        return pool.preparedQuery("SELECT status FROM attempt WHERE id = $1").execute(Tuple.of(attemptId))
                .map(rows -> rows.iterator().next().getString(0)).await().indefinitely();
    }

    private Row contact(UUID cid) {
        return pool.preparedQuery("SELECT outstanding, attempts, next_attempt_at, done, done_reason FROM campaign_contact WHERE campaign_id = $1")
                .execute(Tuple.of(cid)).map(rows -> rows.iterator().next()).await().indefinitely();
    }
}
