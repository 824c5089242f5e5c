package io.waihu.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.WaihuEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * Applies an event's effect at most once per consumer: the effect and the processed_event row commit in one
 * transaction, so a replay or a redelivery after a crash changes nothing.
 */
@ApplicationScoped
public class EventInbox {

    private final Pool pool;
    private final MeterRegistry meters;

    public EventInbox(Pool pool, MeterRegistry meters) {
        this.pool = pool;
        this.meters = meters;
    }

    /** @return true when the effect ran, false when the event had been processed before */
    public Uni<Boolean> applyOnce(String consumer, WaihuEvent event, Function<SqlConnection, Uni<Void>> effect) {
        return pool.withTransaction(conn -> conn
                        .preparedQuery("INSERT INTO processed_event (consumer, event_id, tenant_id, event_type) "
                                + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(consumer, event.eventId(), event.tenantId(), event.type()))
                        .chain(inserted -> inserted.rowCount() == 1
                                ? effect.apply(conn).replaceWith(Boolean.TRUE)
                                : Uni.createFrom().item(Boolean.FALSE)))
                .invoke(applied -> meters.counter("waihu.events.consumed", "consumer", consumer,
                        "type", event.type(), "outcome", applied ? "applied" : "duplicate").increment());
    }
}
