package io.waihu.campaign.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.campaign.domain.ImportFormat;
import io.waihu.campaign.domain.ImportJob;
import io.waihu.campaign.domain.ImportRowError;
import io.waihu.campaign.domain.ImportStatus;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ImportJobRepository {

    private static final String COLUMNS = "id, tenant_id, list_id, format, status, total_bytes, bytes_read, rows_read, "
            + "rows_accepted, rows_rejected, rows_kept_opted_out, errors_stored, failure, created_at, started_at, finished_at";

    private final Pool pool;

    public ImportJobRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(UUID id, String tenantId, String listId, ImportFormat format, long totalBytes) {
        return pool.preparedQuery("INSERT INTO import_job (id, tenant_id, list_id, format, status, total_bytes) VALUES ($1, $2, $3, $4, 'QUEUED', $5)")
                .execute(Tuple.of(id, tenantId, listId, format.name(), totalBytes))
                .replaceWithVoid();
    }

    public Uni<Void> started(UUID id) {
        return pool.preparedQuery("UPDATE import_job SET status = 'RUNNING', started_at = now(), updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Progress so far; errors found since the last call are stored with it, in one transaction. */
    public Uni<Void> progress(UUID id, String tenantId, long bytesRead, long rowsRead, long accepted, long rejected, long keptOptedOut,
                              long errorsStoredBefore, List<ImportRowError> newErrors) {
        return pool.withTransaction(conn -> {
            Uni<Void> errors = Uni.createFrom().voidItem();
            if (!newErrors.isEmpty()) {
                int n = newErrors.size();
                Long[] seq = new Long[n];
                Long[] line = new Long[n];
                String[] column = new String[n];
                String[] reason = new String[n];
                for (int i = 0; i < n; i++) {
                    ImportRowError e = newErrors.get(i);
                    seq[i] = errorsStoredBefore + i;
                    line[i] = e.line();
                    column[i] = e.column();
                    reason[i] = e.reason();
                }
                errors = conn.preparedQuery("INSERT INTO import_error (job_id, tenant_id, seq, line, column_name, reason) "
                                + "SELECT $1, $2, u.seq, u.line, u.col, u.reason FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[]) "
                                + "AS u(seq, line, col, reason)")
                        .execute(Tuple.from(new Object[]{id, tenantId, seq, line, column, reason}))
                        .replaceWithVoid();
            }
            return errors.chain(() -> conn.preparedQuery("UPDATE import_job SET bytes_read = $2, rows_read = $3, rows_accepted = $4, "
                            + "rows_rejected = $5, rows_kept_opted_out = $6, errors_stored = $7, updated_at = now() WHERE id = $1")
                    .execute(Tuple.from(new Object[]{id, bytesRead, rowsRead, accepted, rejected, keptOptedOut,
                            errorsStoredBefore + newErrors.size()}))
                    .replaceWithVoid());
        });
    }

    public Uni<Void> finished(UUID id, ImportStatus status, String failure) {
        return pool.preparedQuery("UPDATE import_job SET status = $2, failure = $3, finished_at = now(), updated_at = now(), "
                        + "bytes_read = CASE WHEN $2 = 'COMPLETED' THEN total_bytes ELSE bytes_read END WHERE id = $1")
                .execute(Tuple.of(id, status.name(), failure)).replaceWithVoid();
    }

    /** Jobs a stopped service left behind: their spooled upload is gone, so they cannot continue. */
    public Uni<Integer> failUnfinished(String failure) {
        return pool.preparedQuery("UPDATE import_job SET status = 'FAILED', failure = $1, finished_at = now(), updated_at = now() "
                        + "WHERE status IN ('QUEUED', 'RUNNING')")
                .execute(Tuple.of(failure)).map(rows -> rows.rowCount());
    }

    public Uni<Optional<ImportJob>> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_job WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, ImportJobRepository::map));
    }

    public Uni<List<ImportJob>> page(String tenantId, String listId, PageParams page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_job WHERE tenant_id = $1 AND list_id = $2 "
                        + "ORDER BY created_at DESC, id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, listId, page.size, page.offset()))
                .map(rows -> Rows.list(rows, ImportJobRepository::map));
    }

    public Uni<Long> count(String tenantId, String listId) {
        return pool.preparedQuery("SELECT count(*) FROM import_job WHERE tenant_id = $1 AND list_id = $2")
                .execute(Tuple.of(tenantId, listId)).map(Rows::count);
    }

    public Uni<List<ImportRowError>> errors(String tenantId, UUID jobId, long offset, int limit) {
        return pool.preparedQuery("SELECT line, column_name, reason FROM import_error WHERE job_id = $1 AND tenant_id = $2 "
                        + "ORDER BY seq LIMIT $3 OFFSET $4")
                .execute(Tuple.of(jobId, tenantId, limit, offset))
                .map(rows -> Rows.list(rows, r -> new ImportRowError(r.getLong("line"), r.getString("column_name"), r.getString("reason"))));
    }

    private static ImportJob map(Row r) {
        return new ImportJob(r.getUUID("id"), r.getString("tenant_id"), r.getString("list_id"), ImportFormat.valueOf(r.getString("format")),
                ImportStatus.valueOf(r.getString("status")), r.getLong("total_bytes"), r.getLong("bytes_read"), r.getLong("rows_read"),
                r.getLong("rows_accepted"), r.getLong("rows_rejected"), r.getLong("rows_kept_opted_out"), r.getLong("errors_stored"),
                r.getString("failure"), Rows.instant(r, "created_at"), Rows.instant(r, "started_at"), Rows.instant(r, "finished_at"));
    }
}
