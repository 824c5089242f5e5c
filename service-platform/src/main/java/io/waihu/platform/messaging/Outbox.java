package io.waihu.platform.messaging;

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
import java.util.UUID;

/**
 * Writes an event into the outbox inside the caller's transaction; {@link OutboxRelay} publishes it.
 * A state change and its event therefore commit together or not at all.
 */
@ApplicationScoped
public class Outbox {

    private static final ObjectMapper HEADERS = new ObjectMapper();
    /** One statement for many events; ORDER BY the position keeps the ids (the relay's order) in the order given. */
    private static final String INSERT_ALL = "INSERT INTO outbox_event (tenant_id, topic, record_key, event_id, event_type, payload, headers) "
            + "SELECT u.tenant_id, $2, u.record_key, u.event_id, u.event_type, u.payload, u.headers::jsonb "
            + "FROM unnest($1::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY "
            + "AS u(tenant_id, record_key, event_id, event_type, payload, headers, n) ORDER BY u.n";

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.source = applicationName;
    }

    public Uni<Void> append(SqlConnection conn, String topic, WaihuEvent event) {
        String headers;
        try {
            headers = HEADERS.writeValueAsString(CloudEvents.headersFor(event, source));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return conn.preparedQuery("INSERT INTO outbox_event (tenant_id, topic, record_key, event_id, event_type, payload, headers) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)")
                .execute(Tuple.from(new Object[]{event.tenantId(), topic, event.aggregateId(), event.eventId(),
                        event.type(), EventJson.write(event), headers}))
                .replaceWithVoid();
    }

    /**
     * Many events of one topic in one round trip, inside the caller's transaction, published in the order given: the
     * same rows {@link #append} writes, for a writer that commits hundreds of events at once.
     */
    public Uni<Void> appendAll(SqlConnection conn, String topic, List<? extends WaihuEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        String[] tenants = new String[n];
        String[] keys = new String[n];
        UUID[] ids = new UUID[n];
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
        return conn.preparedQuery(INSERT_ALL).execute(Tuple.from(new Object[]{tenants, topic, keys, ids, types, payloads, headers}))
                .replaceWithVoid();
    }
}
