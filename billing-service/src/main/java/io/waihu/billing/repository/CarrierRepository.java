package io.waihu.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.domain.Carrier;
import io.waihu.billing.domain.CarrierKind;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Carriers, always read and written within one tenant. */
@ApplicationScoped
public class CarrierRepository {

    private static final String COLUMNS = "id, tenant_id, code, name, kind, country, weight, active, created_at, updated_at, version";

    private final Pool pool;

    public CarrierRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return false when the tenant already has a carrier with that code */
    public Uni<Boolean> insert(Carrier c) {
        return pool.preparedQuery("INSERT INTO carrier (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                        + "ON CONFLICT (tenant_id, code) DO NOTHING")
                .execute(Tuple.from(new Object[]{c.id(), c.tenantId(), c.code(), c.name(), c.kind().name(), c.country(),
                        c.weight(), c.active(), c.createdAt().atOffset(ZoneOffset.UTC), c.updatedAt().atOffset(ZoneOffset.UTC), c.version()}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Carrier>> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM carrier WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, CarrierRepository::map));
    }

    /**
     * The carrier, read in {@code client}'s transaction with a share lock: a change of the carrier (UPDATE) waits for
     * that transaction, so what it announces cannot be overtaken by a change that does not see it.
     */
    public Uni<Optional<Carrier>> findForShare(SqlClient client, String tenantId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM carrier WHERE tenant_id = $1 AND id = $2 FOR SHARE")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, CarrierRepository::map));
    }

    public Uni<List<Carrier>> page(String tenantId, Boolean active, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM carrier WHERE tenant_id = $1 AND ($2::boolean IS NULL OR active = $2) "
                        + "ORDER BY name, id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, active, page.size, page.offset()))
                .map(rows -> Rows.list(rows, CarrierRepository::map));
    }

    /** Every carrier of the tenant, by name: quotes and routes price a call on each, not on a page of them. */
    public Uni<List<Carrier>> all(String tenantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM carrier WHERE tenant_id = $1 ORDER BY name, id")
                .execute(Tuple.of(tenantId))
                .map(rows -> Rows.list(rows, CarrierRepository::map));
    }

    public Uni<Long> count(String tenantId, Boolean active) {
        return pool.preparedQuery("SELECT count(*) FROM carrier WHERE tenant_id = $1 AND ($2::boolean IS NULL OR active = $2)")
                .execute(Tuple.of(tenantId, active))
                .map(Rows::count);
    }

    /** Optimistic: updates only the version the caller read. @return false when it changed meanwhile or is gone */
    public Uni<Boolean> update(SqlClient client, Carrier c, long expectedVersion) {
        return client.preparedQuery("UPDATE carrier SET code = $3, name = $4, kind = $5, country = $6, weight = $7, active = $8, "
                        + "updated_at = $9, version = version + 1 WHERE tenant_id = $1 AND id = $2 AND version = $10")
                .execute(Tuple.from(new Object[]{c.tenantId(), c.id(), c.code(), c.name(), c.kind().name(), c.country(),
                        c.weight(), c.active(), c.updatedAt().atOffset(ZoneOffset.UTC), expectedVersion}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> codeTakenByAnother(String tenantId, String code, UUID id) {
        return pool.preparedQuery("SELECT 1 FROM carrier WHERE tenant_id = $1 AND code = $2 AND id <> $3")
                .execute(Tuple.of(tenantId, code, id))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Boolean> delete(String tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM carrier WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Carrier map(Row r) {
        return new Carrier(r.getUUID("id"), r.getString("tenant_id"), r.getString("code"), r.getString("name"),
                CarrierKind.valueOf(r.getString("kind")), r.getString("country"), r.getInteger("weight"),
                r.getBoolean("active"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant(), r.getLong("version"));
    }
}
