-- One row per rerating run: what was asked (window by end time, optional carrier, reason, who) and what it did.
-- The row is written when the run starts and completed when it finishes, so a run that died midway shows
-- finished_at NULL (its calls already changed stay changed: each commits with its event; running it again is safe).
CREATE TABLE rerating_run (
    id                   UUID        PRIMARY KEY,
    tenant_id            TEXT        NOT NULL,
    window_from          TIMESTAMPTZ NOT NULL, -- "from" and "to" are reserved words
    window_to            TIMESTAMPTZ NOT NULL,
    carrier_id           TEXT,
    reason               TEXT        NOT NULL,
    requested_by         TEXT,
    started_at           TIMESTAMPTZ NOT NULL,
    finished_at          TIMESTAMPTZ,
    examined             BIGINT      NOT NULL DEFAULT 0,
    changed              BIGINT      NOT NULL DEFAULT 0,
    newly_rated          BIGINT      NOT NULL DEFAULT 0,
    unchanged            BIGINT      NOT NULL DEFAULT 0,
    would_become_unrated BIGINT      NOT NULL DEFAULT 0,
    currency_changed     BIGINT      NOT NULL DEFAULT 0,
    delta_by_currency    JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX rerating_run_tenant ON rerating_run (tenant_id, started_at DESC, id);

-- A run walks a tenant's calls by end time in keyset pages (ended_at, call_id).
CREATE INDEX call_detail_record_ended ON call_detail_record (tenant_id, ended_at, call_id);
