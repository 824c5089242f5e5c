package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.repository.CallRepository;
import io.waihu.dialer.repository.CallRepository.State;
import io.waihu.dialer.service.DialerEngine;
import io.waihu.events.NumberType;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
import io.waihu.platform.persistence.Rows;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start-up path for calls that were on a line when the dialer stopped, through the real PostgreSQL and broker:
 * rows a carrier had taken end FAILED at the last instant known of them, carrying the number's stored reading
 * (numberType, rangeCarrier) to billing; a row no carrier had taken is dropped CARRIERS_FAILED.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class RestartRecoveryTest {

    private static final String CAMPAIGN = "camp-restarted";

    @Inject
    DialerEngine engine;
    @Inject
    CallRepository calls;
    @Inject
    Pool pool;

    String tenant = "tenant-" + UUID.randomUUID();

    void open(String callId, String attemptId, String carrierId, State state, Instant setupAt, NumberType type, String rangeCarrier) {
        pool.withTransaction(conn -> calls.open(conn, tenant, callId, CAMPAIGN, attemptId, "contact-" + attemptId, "+8613800138000",
                "Asia/Shanghai", carrierId, "+861012345678", state, 1, setupAt, null, null, type, rangeCarrier)).await().indefinitely();
    }

    void progress(String callId, State state, Instant ringingAt, Instant answeredAt, String agentId) {
        pool.preparedQuery("UPDATE dialer_call SET state = $3, ringing_at = $4, answered_at = $5, answered_by = $6, agent_id = $7 "
                        + "WHERE tenant_id = $1 AND call_id = $2")
                .execute(Tuple.from(new Object[]{tenant, callId, state.name(), Rows.utc(ringingAt), Rows.utc(answeredAt),
                        answeredAt == null ? null : "HUMAN", agentId}))
                .await().indefinitely();
    }

    Row row(String callId) {
        return pool.preparedQuery("SELECT state, disposition, ended_at, billable_seconds, drop_reason FROM dialer_call "
                + "WHERE tenant_id = $1 AND call_id = $2").execute(Tuple.of(tenant, callId)).await().indefinitely().iterator().next();
    }

    static <T extends CallEvent> List<T> eventsOf(String attemptId, Class<T> type) {
        return DialFlowTest.eventsOf(attemptId, 100, Duration.ofMillis(500)).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void callsOnALineAtTheStopEndFailedWithTheirNumberReadingAndOneNoCarrierTookIsDropped() {
        // as after a stop: no call of another test is on a line or left unfinished in the table
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.activeCalls() == 0 && calls.unfinished().await().indefinitely().isEmpty());
        Instant setupAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        Instant ringingAt = setupAt.plusSeconds(2);
        Instant answeredAt = setupAt.plusSeconds(11);
        String talking = "att-" + UUID.randomUUID();
        String ringing = "att-" + UUID.randomUUID();
        String settingUp = "att-" + UUID.randomUUID();
        String talkingCall = UUID.randomUUID().toString();
        String ringingCall = UUID.randomUUID().toString();
        String setupCall = UUID.randomUUID().toString();
        open(talkingCall, talking, "carrier-one", State.PLACED, setupAt, NumberType.MOBILE, "China Mobile");
        progress(talkingCall, State.ANSWERED, ringingAt, answeredAt, "desk-7");
        // a request that came without a reading keeps none
        open(ringingCall, ringing, "carrier-one", State.PLACED, setupAt, null, null);
        progress(ringingCall, State.RINGING, ringingAt, null, null);
        open(setupCall, settingUp, null, State.SETUP, setupAt, NumberType.FIXED_LINE, "Beijing");

        Instant restartedAt = Instant.now();
        engine.recoverUnfinished(restartedAt);

        CallEnded talked = AgentFlowTest.awaitEvent(talking, CallEnded.class);
        assertThat(talked.tenantId()).isEqualTo(tenant);
        assertThat(talked.callId()).isEqualTo(talkingCall);
        assertThat(talked.disposition()).isEqualTo(CallDisposition.FAILED);
        assertThat(talked.numberType()).isEqualTo(NumberType.MOBILE);
        assertThat(talked.rangeCarrier()).isEqualTo("China Mobile");
        assertThat(talked.carrierId()).isEqualTo("carrier-one");
        assertThat(talked.agentId()).isEqualTo("desk-7");
        assertThat(talked.calleeZone()).isEqualTo("Asia/Shanghai");
        assertThat(talked.setupAt()).isEqualTo(setupAt);
        assertThat(talked.ringingAt()).isEqualTo(ringingAt);
        assertThat(talked.answeredAt()).isEqualTo(answeredAt);
        // the last instant known of it, and no connected seconds billing could not prove
        assertThat(talked.endedAt()).isEqualTo(answeredAt);
        assertThat(talked.billableSeconds()).isZero();
        assertThat(talked.abandoned()).isFalse();

        CallEnded rang = AgentFlowTest.awaitEvent(ringing, CallEnded.class);
        assertThat(rang.disposition()).isEqualTo(CallDisposition.FAILED);
        assertThat(rang.answeredAt()).isNull();
        assertThat(rang.endedAt()).isEqualTo(ringingAt);
        assertThat(rang.numberType()).isNull();
        assertThat(rang.rangeCarrier()).isNull();

        DialDropped dropped = AgentFlowTest.awaitEvent(settingUp, DialDropped.class);
        assertThat(dropped.reason()).isEqualTo(DropReason.CARRIERS_FAILED);
        assertThat(dropped.callId()).isEqualTo(setupCall);
        assertThat(dropped.droppedAt()).isEqualTo(restartedAt);

        // the rows are final, so a second start finds nothing left to recover
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(row(talkingCall).getString("state")).isEqualTo("ENDED");
            assertThat(row(ringingCall).getString("state")).isEqualTo("ENDED");
            assertThat(row(setupCall).getString("state")).isEqualTo("DROPPED");
        });
        Row stored = row(talkingCall);
        assertThat(stored.getString("disposition")).isEqualTo("FAILED");
        assertThat(stored.getLong("billable_seconds")).isZero();
        assertThat(Rows.instant(stored, "ended_at")).isEqualTo(answeredAt);
        assertThat(row(setupCall).getString("drop_reason")).isEqualTo("CARRIERS_FAILED");
        engine.recoverUnfinished(Instant.now());
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(eventsOf(talking, CallEnded.class)).hasSize(1);
        assertThat(eventsOf(ringing, CallEnded.class)).hasSize(1);
        assertThat(eventsOf(settingUp, DialDropped.class)).hasSize(1);
    }
}
