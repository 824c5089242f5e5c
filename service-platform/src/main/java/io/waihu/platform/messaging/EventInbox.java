package io.waihu.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.WaihuEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies an event's effect at most once per consumer: the effect and the processed_event row commit in one
 * transaction, so a replay or a redelivery after a crash changes nothing.
 */
@ApplicationScoped
public class EventInbox {

    private static final String INSERT_ALL = "INSERT INTO processed_event (consumer, event_id, tenant_id, event_type) "
            + "SELECT $1, u.event_id, u.tenant_id, u.event_type FROM unnest($2::uuid[], $3::text[], $4::text[]) "
            + "AS u(event_id, tenant_id, event_type) ON CONFLICT DO NOTHING RETURNING event_id";

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

    /**
     * The batch form of {@link #applyOnce}: one transaction records all the events as processed and runs the
     * effect on those not processed before (an event id twice in the batch counts once), in the order given.
     *
     * @return the events the effect ran on
     */
    public <E extends WaihuEvent> Uni<List<E>> applyOnceAll(String consumer, List<E> events,
                                                          BiFunction<SqlConnection, List<E>, Uni<Void>> effect) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] tenants = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = events.get(i).eventId();
            tenants[i] = events.get(i).tenantId();
            types[i] = events.get(i).type();
        }
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT_ALL)
                        .execute(Tuple.of(consumer, ids, tenants, types))
                        .chain(inserted -> {
                            Set<UUID> fresh = new HashSet<>();
                            inserted.forEach(row -> fresh.add(row.getUUID(0)));
                            List<E> toApply = new ArrayList<>(fresh.size());
                            for (E event : events) {
                                if (fresh.remove(event.eventId())) {
                                    toApply.add(event);
                                }
                            }
                            return toApply.isEmpty() ? Uni.createFrom().item(toApply)
                                    : effect.apply(conn, toApply).replaceWith(toApply);
                        }))
                .invoke(applied -> count(consumer, events, applied));
    }

    private <E extends WaihuEvent> void count(String consumer, List<E> events, List<E> applied) {
        Set<UUID> appliedIds = new HashSet<>();
        applied.forEach(e -> appliedIds.add(e.eventId()));
        for (E event : events) {
            boolean ran = appliedIds.remove(event.eventId());
            meters.counter("waihu.events.consumed", "consumer", consumer, "type", event.type(),
                    "outcome", ran ? "applied" : "duplicate").increment();
        }
    }
}
