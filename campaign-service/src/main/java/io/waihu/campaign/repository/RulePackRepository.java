package io.waihu.campaign.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.RulePack;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.CallingWindow;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RulePackRepository {

    private static final String COLUMNS = "tenant_id, id, version, name, description, legal_windows::text AS windows, "
            + "abandon_limit_basis_points, abandon_window, abandon_window_zone, no_redial_after_abandon_hours, consent_required, created_at";
    private static final TypeReference<List<CallingWindow>> WINDOWS = new TypeReference<>() { };

    private final Pool pool;

    public RulePackRepository(Pool pool) {
        this.pool = pool;
    }

    /** A built-in pack or one of the tenant's; the latest version when version is null. */
    public Uni<Optional<RulePack>> find(SqlClient client, String tenantId, String id, Integer version) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM rule_pack WHERE tenant_id IN ('*', $1) AND id = $2 "
                        + "AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(tenantId, id, version))
                .map(rows -> Rows.first(rows, RulePackRepository::map));
    }

    public Uni<Optional<RulePack>> find(String tenantId, String id, Integer version) {
        return find(pool, tenantId, id, version);
    }

    /** Every version the tenant can use, built-in first. */
    public Uni<List<RulePack>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rule_pack WHERE tenant_id IN ('*', $1) "
                        + "ORDER BY tenant_id = '*' DESC, id, version")
                .execute(Tuple.of(tenantId))
                .map(rows -> Rows.list(rows, RulePackRepository::map));
    }

    /** Inserts the next version of the tenant's pack; the primary key refuses a concurrent writer of the same one. */
    public Uni<RulePack> insertNextVersion(RulePack pack) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT coalesce(max(version), 0) + 1 FROM rule_pack "
                                + "WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(pack.tenantId(), pack.id()))
                .map(rows -> rows.iterator().next().getInteger(0))
                .chain(version -> conn.preparedQuery("INSERT INTO rule_pack (tenant_id, id, version, name, description, "
                                + "legal_windows, abandon_limit_basis_points, abandon_window, abandon_window_zone, "
                                + "no_redial_after_abandon_hours, consent_required) "
                                + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11) RETURNING " + COLUMNS)
                        .execute(Tuple.from(new Object[]{pack.tenantId(), pack.id(), version, pack.name(), pack.description(),
                                JsonColumns.write(pack.legalWindows()), pack.abandonLimitBasisPoints(), pack.abandonWindow().name(),
                                pack.abandonWindowZone(), pack.noRedialAfterAbandonHours(), pack.consentRequired()}))
                        .map(rows -> map(rows.iterator().next()))));
    }

    static RulePack map(Row r) {
        return new RulePack(r.getString("tenant_id"), r.getString("id"), r.getInteger("version"), r.getString("name"),
                r.getString("description"), JsonColumns.read(r.getString("windows"), WINDOWS),
                r.getInteger("abandon_limit_basis_points"), AbandonWindow.valueOf(r.getString("abandon_window")),
                r.getString("abandon_window_zone"), r.getInteger("no_redial_after_abandon_hours"),
                r.getBoolean("consent_required"), Rows.instant(r, "created_at"));
    }
}
