CREATE TABLE carrier (
    id          UUID        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    code        TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    country     TEXT,
    weight      INTEGER     NOT NULL DEFAULT 0,
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, code)
);
CREATE INDEX carrier_tenant_name ON carrier (tenant_id, name, id);

-- A call detail record per ended call as the dialer reported it; rating fills in the cost.
CREATE TABLE call_detail_record (
    tenant_id        TEXT        NOT NULL,
    call_id          TEXT        NOT NULL,
    campaign_id      TEXT        NOT NULL,
    attempt_id       TEXT        NOT NULL,
    carrier_id       TEXT        NOT NULL,
    number           TEXT        NOT NULL,
    disposition      TEXT        NOT NULL,
    setup_at         TIMESTAMPTZ NOT NULL,
    answered_at      TIMESTAMPTZ,
    ended_at         TIMESTAMPTZ NOT NULL,
    billable_seconds BIGINT      NOT NULL,
    rating_status    TEXT        NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, call_id)
);
CREATE INDEX call_detail_record_campaign ON call_detail_record (tenant_id, campaign_id, ended_at);
