CREATE TABLE contact (
    id             UUID        PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    external_id    TEXT        NOT NULL,
    list_id        TEXT,
    name           TEXT,
    phones         JSONB       NOT NULL DEFAULT '[]',
    zone_override  TEXT,
    attributes     JSONB       NOT NULL DEFAULT '{}',
    consent        JSONB,
    status         TEXT        NOT NULL,
    -- occurredAt of the newest CRM event applied: an older event that arrives late changes nothing
    last_event_at  TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, external_id)
);
CREATE INDEX contact_tenant_list ON contact (tenant_id, list_id, external_id);
