-- Bulk uploads of contacts into a list: one job per upload, its progress, and the rows it refused.
CREATE TABLE import_job (
    id               UUID        PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    list_id          TEXT        NOT NULL,
    format           TEXT        NOT NULL, -- CSV | JSONL
    status           TEXT        NOT NULL, -- QUEUED | RUNNING | COMPLETED | FAILED
    total_bytes      BIGINT      NOT NULL,
    bytes_read       BIGINT      NOT NULL DEFAULT 0,
    rows_read        BIGINT      NOT NULL DEFAULT 0,
    rows_accepted    BIGINT      NOT NULL DEFAULT 0,
    rows_rejected    BIGINT      NOT NULL DEFAULT 0,
    -- accepted rows of contacts that had opted out: their data was updated, their status stayed OPTED_OUT
    rows_kept_opted_out BIGINT   NOT NULL DEFAULT 0,
    errors_stored    BIGINT      NOT NULL DEFAULT 0,
    failure          TEXT        NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ NULL,
    finished_at      TIMESTAMPTZ NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX import_job_list ON import_job (tenant_id, list_id, created_at DESC);

CREATE TABLE import_error (
    job_id      UUID   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL, -- in file order
    tenant_id   TEXT   NOT NULL,
    line        BIGINT NOT NULL,
    column_name TEXT   NULL,
    reason      TEXT   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
