package io.waihu.dialer.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.routing.CarrierTariff;
import io.waihu.events.billing.RouteEntry;
import io.waihu.events.billing.TariffPublished;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Routing views of tariff versions, as billing announced them. */
@ApplicationScoped
public class TariffRepository {

    private static final TypeReference<List<RouteEntry>> ROUTES = new TypeReference<>() { };

    private final Pool pool;

    public TariffRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores one version; the same version announced again (a re-publish) replaces itself. */
    public Uni<Void> store(SqlConnection conn, TariffPublished t) {
        return conn.preparedQuery("INSERT INTO route_tariff (tenant_id, tariff_id, tariff_version, carrier_id, carrier_name, currency, "
                        + "valid_from, valid_until, typical_call_seconds, weight, routes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb) "
                        + "ON CONFLICT (tenant_id, tariff_id, tariff_version) DO UPDATE SET carrier_id = EXCLUDED.carrier_id, "
                        + "carrier_name = EXCLUDED.carrier_name, currency = EXCLUDED.currency, valid_from = EXCLUDED.valid_from, "
                        + "valid_until = EXCLUDED.valid_until, typical_call_seconds = EXCLUDED.typical_call_seconds, "
                        + "weight = EXCLUDED.weight, routes = EXCLUDED.routes, received_at = now()")
                .execute(Tuple.from(new Object[]{t.tenantId(), t.tariffId(), t.tariffVersion(), t.carrierId(), t.carrierName(),
                        t.currency(), Rows.utc(t.validFrom()), Rows.utc(t.validUntil()), t.typicalCallSeconds(), t.weight(),
                        JsonColumns.write(t.routes())}))
                .replaceWithVoid();
    }

    public Uni<List<CarrierTariff>> all() {
        return pool.query("SELECT tenant_id, tariff_id, tariff_version, carrier_id, carrier_name, currency, valid_from, valid_until, "
                        + "weight, routes::text FROM route_tariff").execute()
                .map(rows -> Rows.list(rows, r -> new CarrierTariff(r.getString("tenant_id"), r.getString("tariff_id"),
                        r.getInteger("tariff_version"), r.getString("carrier_id"), r.getString("carrier_name"), r.getString("currency"),
                        Rows.instant(r, "valid_from"), Rows.instant(r, "valid_until"), r.getInteger("weight"),
                        JsonColumns.read(r.getString(9), ROUTES))));
    }
}
