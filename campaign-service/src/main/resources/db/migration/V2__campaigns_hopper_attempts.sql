-- Calling-rule packs as versioned data. tenant_id '*' = built-in pack every tenant may use; a tenant's own packs
-- carry its id. A version is never changed once written: a campaign keeps the version it started with.
CREATE TABLE rule_pack (
    tenant_id                      TEXT        NOT NULL,
    id                             TEXT        NOT NULL,
    version                        INT         NOT NULL CHECK (version >= 1),
    name                           TEXT        NOT NULL,
    description                    TEXT,
    -- [{"day":"MONDAY","startMinute":480,"endMinute":1260}] in the callee's local time; a day absent = no calls
    legal_windows                  JSONB       NOT NULL,
    abandon_limit_basis_points     INT         NOT NULL CHECK (abandon_limit_basis_points BETWEEN 0 AND 10000),
    abandon_window                 TEXT        NOT NULL,
    abandon_window_zone            TEXT        NOT NULL,
    no_redial_after_abandon_hours  INT         NOT NULL CHECK (no_redial_after_abandon_hours >= 0),
    consent_required               BOOLEAN     NOT NULL,
    created_at                     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id, version)
);

-- US: TCPA 47 CFR 64.1200(c)(1) / TSR 16 CFR 310.4(c): 08:00-21:00 at the called party's location, every day;
-- abandon <= 3% of live answers per campaign over rolling 30 days.
INSERT INTO rule_pack VALUES ('*', 'US', 1, 'United States (TCPA / TSR)',
    'Calls 08:00-21:00 callee local time, every day; abandon <= 3% of live answers over a rolling 30 days.',
    '[{"day":"MONDAY","startMinute":480,"endMinute":1260},{"day":"TUESDAY","startMinute":480,"endMinute":1260},
      {"day":"WEDNESDAY","startMinute":480,"endMinute":1260},{"day":"THURSDAY","startMinute":480,"endMinute":1260},
      {"day":"FRIDAY","startMinute":480,"endMinute":1260},{"day":"SATURDAY","startMinute":480,"endMinute":1260},
      {"day":"SUNDAY","startMinute":480,"endMinute":1260}]',
    300, 'ROLLING_30_DAYS', 'America/New_York', 0, false, now());
-- UK: Ofcom persistent-misuse statements: abandon <= 3% per calendar day, no redial for 72 h after an abandoned call.
-- Ofcom sets no calling hours; we apply 08:00-21:00 callee local time (the industry norm) so a pack never allows the
-- night.
INSERT INTO rule_pack VALUES ('*', 'UK', 1, 'United Kingdom (Ofcom)',
    'Calls 08:00-21:00 callee local time (no statutory hours; industry norm); abandon <= 3% per calendar day in '
    'Europe/London; no redial within 72 h of an abandoned call.',
    '[{"day":"MONDAY","startMinute":480,"endMinute":1260},{"day":"TUESDAY","startMinute":480,"endMinute":1260},
      {"day":"WEDNESDAY","startMinute":480,"endMinute":1260},{"day":"THURSDAY","startMinute":480,"endMinute":1260},
      {"day":"FRIDAY","startMinute":480,"endMinute":1260},{"day":"SATURDAY","startMinute":480,"endMinute":1260},
      {"day":"SUNDAY","startMinute":480,"endMinute":1260}]',
    300, 'CALENDAR_DAY', 'Europe/London', 72, false, now());
-- CN: MIIT 2020 draft: no commercial call without the user's consent, stop once refused. No calling hours or
-- abandon cap were found, so the pack adds no hours of its own (the campaign's windows decide) and keeps the
-- 3% abandon limit as our own safeguard.
INSERT INTO rule_pack VALUES ('*', 'CN', 1, 'China (MIIT consent rules)',
    'Recorded consent required; refusals honoured at once. No statutory hours found: the campaign windows decide.',
    '[{"day":"MONDAY","startMinute":0,"endMinute":1440},{"day":"TUESDAY","startMinute":0,"endMinute":1440},
      {"day":"WEDNESDAY","startMinute":0,"endMinute":1440},{"day":"THURSDAY","startMinute":0,"endMinute":1440},
      {"day":"FRIDAY","startMinute":0,"endMinute":1440},{"day":"SATURDAY","startMinute":0,"endMinute":1440},
      {"day":"SUNDAY","startMinute":0,"endMinute":1440}]',
    300, 'ROLLING_30_DAYS', 'Asia/Shanghai', 0, true, now());

CREATE TABLE campaign (
    id                 UUID        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    name               TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    status_reason      TEXT,
    -- the settings as the client gave them (normalised); the columns below are copies the hopper queries by
    settings           JSONB       NOT NULL,
    list_ids           TEXT[]      NOT NULL,
    rule_pack_id       TEXT        NOT NULL,
    rule_pack_version  INT,
    hopper_size        INT         NOT NULL,
    starts_at          TIMESTAMPTZ,
    ends_at            TIMESTAMPTZ,
    budget_amount      NUMERIC(20, 6),
    budget_currency    TEXT,
    spent_amount       NUMERIC(20, 6) NOT NULL DEFAULT 0,
    -- contacts updated up to this instant (minus a margin) are enrolled in campaign_contact
    enrolled_through   TIMESTAMPTZ,
    started_at         TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX campaign_tenant_status ON campaign (tenant_id, status, created_at DESC);
CREATE INDEX campaign_active ON campaign (status) WHERE status IN ('SCHEDULED', 'RUNNING');

-- One row per (campaign, contact): the hopper selects from here with an index, never from contact JSON.
CREATE TABLE campaign_contact (
    tenant_id        TEXT        NOT NULL,
    campaign_id      UUID        NOT NULL REFERENCES campaign (id),
    contact_id       UUID        NOT NULL,
    priority         INT         NOT NULL DEFAULT 0,
    attempts         INT         NOT NULL DEFAULT 0,   -- attempts released and not dropped undialled
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    outstanding      BOOLEAN     NOT NULL DEFAULT false, -- a DialRequested is out and not yet answered by the dialer
    last_disposition TEXT,
    last_attempt_at  TIMESTAMPTZ,
    last_abandon_at  TIMESTAMPTZ,
    done             BOOLEAN     NOT NULL DEFAULT false,
    done_reason      TEXT,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_contact_due ON campaign_contact (campaign_id, priority DESC, next_attempt_at)
    WHERE NOT done AND NOT outstanding;

CREATE TABLE attempt (
    id                 UUID        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    campaign_id        UUID        NOT NULL REFERENCES campaign (id),
    contact_id         UUID        NOT NULL,
    number             TEXT        NOT NULL,
    callee_zones       TEXT[]      NOT NULL,
    attempt_number     INT         NOT NULL,
    priority           INT         NOT NULL,
    rule_pack_id       TEXT        NOT NULL,
    rule_pack_version  INT         NOT NULL,
    -- REQUESTED (DialRequested out) -> PLACED (CallPlaced) -> ENDED (CallEnded); or DROPPED (DialDropped) / EXPIRED
    status             TEXT        NOT NULL,
    requested_at       TIMESTAMPTZ NOT NULL,
    deadline           TIMESTAMPTZ NOT NULL,
    call_id            TEXT,
    carrier_id         TEXT,
    agent_id           TEXT,
    disposition        TEXT,
    abandoned          BOOLEAN,
    setup_at           TIMESTAMPTZ,
    answered_at        TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    billable_seconds   BIGINT,
    drop_reason        TEXT,
    drop_detail        TEXT,
    next_attempt_at    TIMESTAMPTZ, -- what the retry plan decided when this attempt closed
    outcome            TEXT,
    outcome_note       TEXT,
    outcome_by         TEXT,
    outcome_at         TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attempt_campaign_status ON attempt (campaign_id, status);
CREATE INDEX attempt_campaign_contact ON attempt (campaign_id, contact_id, requested_at);
CREATE INDEX attempt_campaign_requested ON attempt (campaign_id, requested_at DESC);

-- Spend folded from billing.charge-events.v1, one row per call so a replayed or rerated charge adds its delta once.
CREATE TABLE campaign_charge (
    tenant_id    TEXT           NOT NULL,
    call_id      TEXT           NOT NULL,
    campaign_id  TEXT           NOT NULL,
    amount       NUMERIC(20, 6) NOT NULL,
    currency     TEXT           NOT NULL,
    updated_at   TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, call_id)
);

-- Budget alerts analytics raised (BudgetThresholdReached / BudgetExhausted).
CREATE TABLE campaign_budget_alert (
    tenant_id        TEXT           NOT NULL,
    campaign_id      TEXT           NOT NULL,
    kind             TEXT           NOT NULL,
    threshold_percent INT           NOT NULL,
    spent_amount     NUMERIC(20, 6) NOT NULL,
    currency         TEXT           NOT NULL,
    reached_at       TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, kind, threshold_percent)
);

-- Enrolment picks up contacts changed since the last pass (contacts added to a list after the start).
CREATE INDEX contact_tenant_updated ON contact (tenant_id, updated_at);
