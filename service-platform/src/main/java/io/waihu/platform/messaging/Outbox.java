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

/**
 * Writes an event into the outbox inside the caller's transaction; {@link OutboxRelay} publishes it.
 * A state change and its event therefore commit together or not at all.
 */
@ApplicationScoped
public class Outbox {

    private static final ObjectMapper HEADERS = new ObjectMapper();

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
}
