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

import java.util.ArrayList;
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
    private static final String INSERT = "INSERT INTO outbox_event (tenant_id, topic, record_key, event_id, event_type, payload, headers) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)";

    private final String source;

    public OutboxBatch(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.source = applicationName;
    }

    public Uni<Void> appendAll(SqlConnection conn, String topic, List<? extends WaihuEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        try {
            for (WaihuEvent event : events) {
                rows.add(Tuple.from(new Object[]{event.tenantId(), topic, event.aggregateId(), event.eventId(), event.type(),
                        EventJson.write(event), HEADERS.writeValueAsString(CloudEvents.headersFor(event, source))}));
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return conn.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }
}
