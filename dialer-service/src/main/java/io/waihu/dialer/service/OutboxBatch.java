package io.waihu.dialer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.WaihuEvent;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Many events into the platform's outbox_event table in one batch, inside the caller's transaction: the same row
 * {@link io.waihu.platform.messaging.Outbox#append} writes (payload, CloudEvents headers, keyed by aggregate id),
 * but one round trip for hundreds of call events instead of one each. The relay publishes them in id order, which
 * is the order given here.
 */
@ApplicationScoped
public class OutboxBatch {

    private static final ObjectMapper HEADERS = new ObjectMapper();
    /** One statement for the whole batch; ORDER BY the position keeps the ids (the relay's order) in the order given. */
    private static final String INSERT = "INSERT INTO outbox_event (tenant_id, topic, record_key, event_id, event_type, payload, headers) "
            + "SELECT u.tenant_id, $2, u.record_key, u.event_id, u.event_type, u.payload, u.headers::jsonb "
            + "FROM unnest($1::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY "
            + "AS u(tenant_id, record_key, event_id, event_type, payload, headers, n) ORDER BY u.n";

    private final String source;

    public OutboxBatch(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.source = applicationName;
    }

    public Uni<Void> appendAll(SqlConnection conn, String topic, List<? extends WaihuEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        String[] tenants = new String[n];
        String[] keys = new String[n];
        java.util.UUID[] ids = new java.util.UUID[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] headers = new String[n];
        try {
            for (int i = 0; i < n; i++) {
                WaihuEvent event = events.get(i);
                tenants[i] = event.tenantId();
                keys[i] = event.aggregateId();
                ids[i] = event.eventId();
                types[i] = event.type();
                payloads[i] = EventJson.write(event);
                headers[i] = HEADERS.writeValueAsString(CloudEvents.headersFor(event, source));
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return conn.preparedQuery(INSERT).execute(Tuple.from(new Object[]{tenants, topic, keys, ids, types, payloads, headers}))
                .replaceWithVoid();
    }
}
