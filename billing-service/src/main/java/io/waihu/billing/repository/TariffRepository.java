package io.waihu.billing.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.domain.Tariff;
import io.waihu.billing.domain.TariffVersionInfo;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tariffs and their versions, always within one tenant. */
@ApplicationScoped
public class TariffRepository {

    private static final TypeReference<List<Tariff.Band>> BANDS = new TypeReference<>() { };
    private static final TypeReference<List<LocalDate>> HOLIDAYS = new TypeReference<>() { };
    private static final String TARIFF_COLUMNS = "id, tenant_id, carrier_id, name, currency, zone, default_region, "
            + "bands::text AS bands, holidays::text AS holidays, created_at, updated_at";
    private static final String VERSION_COLUMNS = "tariff_id, version, effective_from, destination_count, row_count, "
            + "bands::text AS bands, holidays::text AS holidays, created_at, published_at";

    private final Pool pool;

    public TariffRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return false when the carrier already has a tariff */
    public Uni<Boolean> insert(Tariff t) {
        return pool.preparedQuery("INSERT INTO tariff (id, tenant_id, carrier_id, name, currency, zone, default_region, bands, "
                        + "holidays, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11) "
                        + "ON CONFLICT (tenant_id, carrier_id) DO NOTHING")
                .execute(Tuple.from(new Object[]{t.id(), t.tenantId(), t.carrierId(), t.name(), t.currency(), t.zone(),
                        t.defaultRegion(), JsonColumns.write(t.bands()), JsonColumns.write(t.holidays()), Rows.utc(t.createdAt()), Rows.utc(t.updatedAt())}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> update(Tariff t) {
        return pool.preparedQuery("UPDATE tariff SET name = $3, bands = $4::text::jsonb, holidays = $5::text::jsonb, updated_at = $6 "
                        + "WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(t.tenantId(), t.id(), t.name(), JsonColumns.write(t.bands()), JsonColumns.write(t.holidays()), Rows.utc(t.updatedAt())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Tariff>> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + TARIFF_COLUMNS + " FROM tariff WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, this::tariff));
    }

    public Uni<Optional<Tariff>> findByCarrier(String tenantId, UUID carrierId) {
        return pool.preparedQuery("SELECT " + TARIFF_COLUMNS + " FROM tariff WHERE tenant_id = $1 AND carrier_id = $2")
                .execute(Tuple.of(tenantId, carrierId)).map(rows -> Rows.first(rows, this::tariff));
    }

    public Uni<List<Tariff>> all(String tenantId) {
        return pool.preparedQuery("SELECT " + TARIFF_COLUMNS + " FROM tariff WHERE tenant_id = $1 ORDER BY name, id")
                .execute(Tuple.of(tenantId)).map(rows -> Rows.list(rows, this::tariff));
    }

    public Uni<List<Tariff>> page(String tenantId, UUID carrierId, PageParams page) {
        return pool.preparedQuery("SELECT " + TARIFF_COLUMNS + " FROM tariff WHERE tenant_id = $1 AND ($2::uuid IS NULL OR carrier_id = $2) "
                        + "ORDER BY name, id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, carrierId, page.size, page.offset())).map(rows -> Rows.list(rows, this::tariff));
    }

    public Uni<Long> count(String tenantId, UUID carrierId) {
        return pool.preparedQuery("SELECT count(*) FROM tariff WHERE tenant_id = $1 AND ($2::uuid IS NULL OR carrier_id = $2)")
                .execute(Tuple.of(tenantId, carrierId)).map(Rows::count);
    }

    public Uni<Boolean> carrierHasTariff(String tenantId, UUID carrierId) {
        return pool.preparedQuery("SELECT 1 FROM tariff WHERE tenant_id = $1 AND carrier_id = $2")
                .execute(Tuple.of(tenantId, carrierId)).map(rows -> rows.size() > 0);
    }

    public Uni<Boolean> delete(String tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM tariff WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Locks the tariff row so two uploads cannot take the same version number. */
    public Uni<Integer> lockAndNextVersion(SqlConnection conn, String tenantId, UUID tariffId) {
        return conn.preparedQuery("SELECT id FROM tariff WHERE tenant_id = $1 AND id = $2 FOR UPDATE").execute(Tuple.of(tenantId, tariffId))
                .chain(() -> conn.preparedQuery("SELECT coalesce(max(version), 0) + 1 FROM tariff_version WHERE tariff_id = $1")
                        .execute(Tuple.of(tariffId)))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * Asks the publisher to announce the carrier's version in force again (it reads the carrier afresh): its name,
     * weight or active flag, which the routing view carries, changed. A version not announced yet is left as it is.
     */
    public Uni<Void> reannounceInForce(SqlClient client, String tenantId, UUID carrierId, Instant now) {
        return client.preparedQuery("UPDATE tariff_version SET published_at = NULL WHERE published_at IS NOT NULL AND (tariff_id, version) = "
                        + "(SELECT v.tariff_id, v.version FROM tariff_version v JOIN tariff t ON t.id = v.tariff_id WHERE t.tenant_id = $1 "
                        + "AND t.carrier_id = $2 AND v.effective_from <= $3 ORDER BY v.effective_from DESC LIMIT 1)")
                .execute(Tuple.of(tenantId, carrierId, Rows.utc(now))).replaceWithVoid();
    }

    public Uni<Void> insertVersion(SqlConnection conn, String tenantId, UUID tariffId, int version, Instant effectiveFrom,
                                   List<Tariff.Band> bands, List<LocalDate> holidays, String deckCsv, int destinations, int rows) {
        return conn.preparedQuery("INSERT INTO tariff_version (tenant_id, tariff_id, version, effective_from, bands, holidays, "
                        + "deck_csv, destination_count, row_count) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9)")
                .execute(Tuple.from(new Object[]{tenantId, tariffId, version, Rows.utc(effectiveFrom), JsonColumns.write(bands), JsonColumns.write(holidays),
                        deckCsv, destinations, rows}))
                .replaceWithVoid();
    }

    public Uni<List<TariffVersionInfo>> versions(SqlClient client, String tenantId, UUID tariffId) {
        return client.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM tariff_version WHERE tenant_id = $1 AND tariff_id = $2 ORDER BY version")
                .execute(Tuple.of(tenantId, tariffId)).map(rows -> Rows.list(rows, this::version));
    }

    public Uni<List<TariffVersionInfo>> versions(String tenantId, UUID tariffId) {
        return versions(pool, tenantId, tariffId);
    }

    public Uni<Optional<String>> deck(String tenantId, UUID tariffId, int version) {
        return pool.preparedQuery("SELECT deck_csv FROM tariff_version WHERE tenant_id = $1 AND tariff_id = $2 AND version = $3")
                .execute(Tuple.of(tenantId, tariffId, version)).map(rows -> Rows.first(rows, r -> r.getString(0)));
    }

    /** Only a version not yet in force may go: what is effective has priced calls. */
    public Uni<Boolean> deletePendingVersion(SqlClient client, String tenantId, UUID tariffId, int version, Instant now) {
        return client.preparedQuery("DELETE FROM tariff_version WHERE tenant_id = $1 AND tariff_id = $2 AND version = $3 AND effective_from > $4")
                .execute(Tuple.of(tenantId, tariffId, version, Rows.utc(now))).map(rows -> rows.rowCount() == 1);
    }

    private Tariff tariff(Row r) {
        return new Tariff(r.getUUID("id"), r.getString("tenant_id"), r.getUUID("carrier_id"), r.getString("name"),
                r.getString("currency").trim(), r.getString("zone"), r.getString("default_region").trim(),
                JsonColumns.read(r.getString("bands"), BANDS), JsonColumns.read(r.getString("holidays"), HOLIDAYS),
                Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }

    private TariffVersionInfo version(Row r) {
        return new TariffVersionInfo(r.getUUID("tariff_id"), r.getInteger("version"), Rows.instant(r, "effective_from"),
                r.getInteger("destination_count"), r.getInteger("row_count"), JsonColumns.read(r.getString("bands"), BANDS),
                JsonColumns.read(r.getString("holidays"), HOLIDAYS), Rows.instant(r, "created_at"), Rows.instant(r, "published_at"));
    }
}
