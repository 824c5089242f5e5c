-- What the dialer enforces at dial time, copied from CampaignStarted/CampaignSettingsChanged.
ALTER TABLE dialer_campaign ADD COLUMN dial_policy JSONB;
ALTER TABLE dialer_campaign ADD COLUMN budget_alert_percents JSONB;
-- the budget's currency: routing compares carrier costs in it when carriers quote different currencies
ALTER TABLE dialer_campaign ADD COLUMN budget_currency TEXT;

-- Agents of the desktop. State survives a restart; ready_since orders the longest-idle choice.
CREATE TABLE agent (
    tenant_id      TEXT        NOT NULL,
    agent_id       TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    campaign_ids   JSONB       NOT NULL DEFAULT '[]',
    simulated      BOOLEAN     NOT NULL DEFAULT false,
    wrap_seconds   INTEGER     NOT NULL DEFAULT 15,
    state          TEXT        NOT NULL,
    state_since    TIMESTAMPTZ NOT NULL,
    call_id        TEXT,
    -- state changes are written asynchronously; a write older than the stored one is ignored
    state_seq      BIGINT      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id)
);

-- Do-not-call copy from campaign.suppression-events.v1. A removal keeps the row (removed_at) so a late
-- SuppressionAdded of the same entry cannot resurrect it.
CREATE TABLE suppression_entry (
    tenant_id    TEXT        NOT NULL,
    entry_id     TEXT        NOT NULL,
    campaign_id  TEXT,
    digits       TEXT,
    prefix_match BOOLEAN     NOT NULL DEFAULT false,
    expires_at   TIMESTAMPTZ,
    source       TEXT,
    added_at     TIMESTAMPTZ,
    removed_at   TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, entry_id)
);
CREATE INDEX suppression_entry_digits ON suppression_entry (tenant_id, digits) WHERE removed_at IS NULL;

-- Routing view of each tariff version from billing.tariff-events.v1.
CREATE TABLE route_tariff (
    tenant_id            TEXT        NOT NULL,
    tariff_id            TEXT        NOT NULL,
    tariff_version       INTEGER     NOT NULL,
    carrier_id           TEXT        NOT NULL,
    carrier_name         TEXT        NOT NULL,
    currency             TEXT        NOT NULL,
    valid_from           TIMESTAMPTZ NOT NULL,
    valid_until          TIMESTAMPTZ,
    typical_call_seconds INTEGER     NOT NULL,
    weight               INTEGER     NOT NULL,
    routes               JSONB       NOT NULL,
    received_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, tariff_id, tariff_version)
);

-- Dial requests waiting for a line, one per attempt (the idempotency key).
CREATE TABLE dial_request (
    tenant_id      TEXT        NOT NULL,
    attempt_id     TEXT        NOT NULL,
    campaign_id    TEXT        NOT NULL,
    contact_id     TEXT        NOT NULL,
    number         TEXT        NOT NULL,
    callee_zones   JSONB       NOT NULL,
    deadline       TIMESTAMPTZ NOT NULL,
    attempt_number INTEGER     NOT NULL,
    priority       INTEGER     NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, attempt_id)
);
-- the pacing loop locks rows (FOR UPDATE SKIP LOCKED) and deletes each in the transaction that places or drops it
CREATE INDEX dial_request_queue ON dial_request (tenant_id, campaign_id, priority DESC, received_at);
CREATE INDEX dial_request_deadline ON dial_request (deadline);

-- Every attempt the dialer handled: a placed call or a drop. One row per attempt, whatever the redeliveries.
CREATE TABLE dialer_call (
    tenant_id         TEXT        NOT NULL,
    call_id           TEXT        NOT NULL,
    campaign_id       TEXT        NOT NULL,
    attempt_id        TEXT        NOT NULL,
    contact_id        TEXT        NOT NULL,
    number            TEXT        NOT NULL,
    callee_zone       TEXT,
    carrier_id        TEXT,
    caller_id         TEXT,
    agent_id          TEXT,
    state             TEXT        NOT NULL,
    disposition       TEXT,
    answered_by       TEXT,
    drop_reason       TEXT,
    drop_detail       TEXT,
    rule_pack_version INTEGER,
    setup_at          TIMESTAMPTZ NOT NULL,
    ringing_at        TIMESTAMPTZ,
    answered_at       TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ,
    billable_seconds  BIGINT      NOT NULL DEFAULT 0,
    abandoned         BOOLEAN     NOT NULL DEFAULT false,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, call_id),
    UNIQUE (tenant_id, attempt_id)
);
CREATE INDEX dialer_call_live ON dialer_call (tenant_id, campaign_id) WHERE state IN ('PLACED', 'RINGING', 'ANSWERED');
CREATE INDEX dialer_call_abandoned ON dialer_call (tenant_id, number, ended_at) WHERE abandoned;

-- Abandon accounting: live answers and abandons per campaign in 15-minute UTC buckets. Every IANA offset is a
-- multiple of 15 minutes, so a calendar day in any zone is a whole number of buckets.
CREATE TABLE abandon_bucket (
    tenant_id      TEXT        NOT NULL,
    campaign_id    TEXT        NOT NULL,
    bucket_start   TIMESTAMPTZ NOT NULL,
    live_answers   BIGINT      NOT NULL DEFAULT 0,
    abandoned      BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, bucket_start)
);
