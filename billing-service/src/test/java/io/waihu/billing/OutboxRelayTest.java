package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.events.Topics;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.UnratedReason;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import io.waihu.platform.messaging.Outbox;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transactional outbox: what commits is published with CloudEvents headers; what rolls back never is. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OutboxRelayTest {

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Test
    void committedEventIsPublishedKeyedAndWithCloudEventsHeaders() {
        String callId = "call-" + UUID.randomUUID();
        CallUnrated event = CallUnrated.of("tenant-o", null, callId, "camp-o", "carrier-x", UnratedReason.NO_TARIFF, "no tariff");
        pool.withTransaction(conn -> outbox.append(conn, Topics.CHARGE_EVENTS, event)).await().atMost(Duration.ofSeconds(10));

        List<ConsumerRecord<String, String>> published = KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS,
                r -> callId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> record = published.get(0);
        assertThat(EventJson.read(record.value(), CallUnrated.class)).isEqualTo(event);
        assertThat(KafkaProbe.header(record, CloudEvents.ID)).isEqualTo(event.eventId().toString());
        assertThat(KafkaProbe.header(record, CloudEvents.TYPE)).isEqualTo("io.waihu.CallUnrated.v1");
        assertThat(KafkaProbe.header(record, CloudEvents.SOURCE)).isEqualTo("/waihu/billing-service");
        assertThat(KafkaProbe.header(record, CloudEvents.SPECVERSION)).isEqualTo("1.0");
        assertThat(KafkaProbe.header(record, CloudEvents.TIME)).isNotBlank();
        assertThat(KafkaProbe.header(record, CloudEvents.TENANT_ID)).isEqualTo("tenant-o");
        // the relay marks the row after Kafka's ack; only this test's row is counted (other tests share the table)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pool
                .preparedQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND event_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(event.eventId()))
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10))).isZero());
    }

    @Test
    void rolledBackEventIsNeverPublished() {
        String callId = "call-" + UUID.randomUUID();
        CallUnrated event = CallUnrated.of("tenant-o", null, callId, "camp-o", "carrier-x", UnratedReason.NO_TARIFF, null);
        assertThatThrownBy(() -> pool.withTransaction(conn -> outbox.append(conn, Topics.CHARGE_EVENTS, event)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the state change failed"))))
                .await().atMost(Duration.ofSeconds(10))).hasMessageContaining("state change failed");
        // a later event on the same topic arrives; the rolled-back one never does
        String laterCall = "call-" + UUID.randomUUID();
        pool.withTransaction(conn -> outbox.append(conn, Topics.CHARGE_EVENTS,
                CallUnrated.of("tenant-o", null, laterCall, "camp-o", "carrier-x", UnratedReason.NO_TARIFF, null)))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS, r -> laterCall.equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS, r -> callId.equals(r.key()), 1, Duration.ofSeconds(3))).isEmpty();
    }
}
