package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.ContactList;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ContactListRepository {

    private static final String COLUMNS = "tenant_id, id, name, default_region, created_at";

    private final Pool pool;

    public ContactListRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return false when the tenant already has a list with this id */
    public Uni<Boolean> insert(String tenantId, String id, String name, String defaultRegion) {
        return pool.preparedQuery("INSERT INTO contact_list (tenant_id, id, name, default_region) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, id, name, defaultRegion))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<ContactList>> find(String tenantId, String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM contact_list WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, ContactListRepository::map));
    }

    public Uni<List<ContactList>> page(String tenantId, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM contact_list WHERE tenant_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(tenantId, page.size, page.offset()))
                .map(rows -> Rows.list(rows, ContactListRepository::map));
    }

    public Uni<Long> count(String tenantId) {
        return pool.preparedQuery("SELECT count(*) FROM contact_list WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(Rows::count);
    }

    private static ContactList map(Row r) {
        return new ContactList(r.getString("tenant_id"), r.getString("id"), r.getString("name"), r.getString("default_region"),
                Rows.instant(r, "created_at"));
    }
}
