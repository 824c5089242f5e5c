-- Contact lists: a named set of contacts; national numbers in uploads are read in the list's default region.
CREATE TABLE contact_list (
    tenant_id      TEXT        NOT NULL,
    id             TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    default_region TEXT        NOT NULL, -- ISO 3166 alpha-2, e.g. CN
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX contact_tenant_list_status ON contact (tenant_id, list_id, status);

-- Do-not-call entries. One number (prefix_match = false) or every number starting with digits (prefix_match = true),
-- for the whole tenant (campaign_id IS NULL) or one campaign. An entry applies while
-- removed_at IS NULL AND (expires_at IS NULL OR expires_at > now()).
CREATE TABLE suppression_entry (
    id           UUID        PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    campaign_id  TEXT        NULL,
    digits       TEXT        NOT NULL CHECK (digits ~ '^[0-9]{1,15}$'), -- E.164 digits without '+'
    prefix_match BOOLEAN     NOT NULL,
    expires_at   TIMESTAMPTZ NULL,
    source       TEXT        NOT NULL,
    reason       TEXT        NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    removed_at   TIMESTAMPTZ NULL
);

-- Lookups by exact number, and by prefix: a check passes every leading substring of the number as digits = ANY(...),
-- so both kinds are found through this one index.
CREATE INDEX suppression_entry_lookup ON suppression_entry (tenant_id, digits) WHERE removed_at IS NULL;
-- One live entry per scope, number and kind: adding it again refreshes expiry, source and reason of the same entry.
CREATE UNIQUE INDEX suppression_entry_live ON suppression_entry (tenant_id, (coalesce(campaign_id, '')), digits, prefix_match)
    WHERE removed_at IS NULL;
-- Listing a scope newest first.
CREATE INDEX suppression_entry_scope ON suppression_entry (tenant_id, campaign_id, created_at DESC);
