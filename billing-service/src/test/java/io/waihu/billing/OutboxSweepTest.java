package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.platform.messaging.OutboxRelay;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox keeps published rows for its retention, then deletes them. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OutboxSweepTest {

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Test
    void publishedRowsOlderThanTheCutoffAreDeletedAndNothingElse() throws Exception {
        Instant now = Instant.now();
        UUID old = row(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(10)));
        UUID recent = row(now.minus(Duration.ofDays(10)), now.minus(Duration.ofHours(1)));

        int deleted = relay.deletePublishedBefore(now.minus(Duration.ofDays(3)));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
    }

    private UUID row(Instant createdAt, Instant publishedAt) {
        UUID eventId = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO outbox_event (tenant_id, topic, record_key, event_id, event_type, payload, headers, "
                        + "created_at, published_at) VALUES ('tenant-sweep', 'billing.charge-events.v1', 'k', $1, 'CallUnrated', '{}', "
                        + "'{}'::jsonb, $2, $3)")
                .execute(Tuple.of(eventId, createdAt.atOffset(ZoneOffset.UTC), publishedAt.atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10));
        return eventId;
    }

    private boolean exists(UUID eventId) {
        return pool.preparedQuery("SELECT 1 FROM outbox_event WHERE event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 1).await().atMost(Duration.ofSeconds(10));
    }
}
