package io.waihu.billing.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.domain.ReratingRun;
import io.waihu.events.wire.EventJson;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Rerating runs, always within one tenant. */
@ApplicationScoped
public class ReratingRunRepository {

    private static final TypeReference<LinkedHashMap<String, String>> AMOUNTS = new TypeReference<>() { };
    private static final String COLUMNS = "id, tenant_id, window_from, window_to, carrier_id, reason, requested_by, started_at, "
            + "finished_at, examined, changed, newly_rated, unchanged, would_become_unrated, currency_changed, "
            + "delta_by_currency::text AS delta_by_currency";

    private final Pool pool;
    private final ObjectMapper json = EventJson.newMapper();

    public ReratingRunRepository(Pool pool) {
        this.pool = pool;
    }

    /** Written as the run starts, so a run that dies midway is still on record. */
    public Uni<Void> insert(ReratingRun r) {
        return pool.preparedQuery("INSERT INTO rerating_run (id, tenant_id, window_from, window_to, carrier_id, reason, requested_by, "
                        + "started_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[]{r.id(), r.tenantId(), Rows.utc(r.from()), Rows.utc(r.to()), r.carrierId(), r.reason(),
                        r.requestedBy(), Rows.utc(r.startedAt())}))
                .replaceWithVoid();
    }

    public Uni<Void> finish(ReratingRun r) {
        return pool.preparedQuery("UPDATE rerating_run SET finished_at = $3, examined = $4, changed = $5, newly_rated = $6, unchanged = $7, "
                        + "would_become_unrated = $8, currency_changed = $9, delta_by_currency = $10::text::jsonb "
                        + "WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(new Object[]{r.tenantId(), r.id(), Rows.utc(r.finishedAt()), r.examined(), r.changed(),
                        r.newlyRated(), r.unchanged(), r.wouldBecomeUnrated(), r.currencyChanged(), write(r.deltaByCurrency())}))
                .replaceWithVoid();
    }

    public Uni<Optional<ReratingRun>> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rerating_run WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, this::map));
    }

    /** Newest first. */
    public Uni<List<ReratingRun>> page(String tenantId, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rerating_run WHERE tenant_id = $1 ORDER BY started_at DESC, id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(tenantId, (long) page.size, page.offset())).map(rows -> Rows.list(rows, this::map));
    }

    public Uni<Long> count(String tenantId) {
        return pool.preparedQuery("SELECT count(*) FROM rerating_run WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(Rows::count);
    }

    /** Amounts as JSON strings: a number would lose the scale (and JSON readers may turn it into a double). */
    private String write(Map<String, BigDecimal> amounts) {
        Map<String, String> out = new TreeMap<>();
        amounts.forEach((currency, amount) -> out.put(currency, amount.toPlainString()));
        try {
            return json.writeValueAsString(out);
        } catch (Exception e) {
            throw new IllegalArgumentException("unserialisable amounts", e);
        }
    }

    private Map<String, BigDecimal> read(String text) {
        try {
            Map<String, BigDecimal> out = new TreeMap<>();
            json.readValue(text, AMOUNTS).forEach((currency, amount) -> out.put(currency, new BigDecimal(amount)));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("unreadable delta_by_currency", e);
        }
    }

    private ReratingRun map(Row r) {
        return new ReratingRun(r.getUUID("id"), r.getString("tenant_id"), Rows.instant(r, "window_from"), Rows.instant(r, "window_to"),
                r.getString("carrier_id"), r.getString("reason"), r.getString("requested_by"), Rows.instant(r, "started_at"),
                Rows.instant(r, "finished_at"), r.getLong("examined"), r.getLong("changed"), r.getLong("newly_rated"),
                r.getLong("unchanged"), r.getLong("would_become_unrated"), r.getLong("currency_changed"),
                read(r.getString("delta_by_currency")));
    }
}
