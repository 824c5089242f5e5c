-- What analytics knows of each campaign: its name, status, budget and the rule pack's abandon window.
CREATE TABLE campaign_info (
    tenant_id           TEXT           NOT NULL,
    campaign_id         TEXT           NOT NULL,
    name                TEXT,
    status              TEXT           NOT NULL DEFAULT 'RUNNING',
    budget_amount       NUMERIC(20, 6),
    budget_currency     CHAR(3),
    alert_percents      INT[]          NOT NULL DEFAULT '{80,100}',
    starts_at           TIMESTAMPTZ,
    ends_at             TIMESTAMPTZ,
    abandon_window      TEXT,
    abandon_window_zone TEXT,
    updated_at          TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id)
);

-- One row per call (or per dropped dial request, or per outcome of a call we have not seen end yet). Events of a
-- call arrive in any order on three topics; each one updates this row, and the rollups get the difference between
-- what the row contributed before and after. So a charge that came before its CallEnded lands in the same bucket
-- as the call's disposition once both are here.
CREATE TABLE call_fact (
    tenant_id         TEXT           NOT NULL,
    call_id           TEXT           NOT NULL,
    campaign_id       TEXT           NOT NULL,
    carrier_id        TEXT,
    destination_class TEXT,
    -- hour of the call: setupAt from CallEnded once known, else the hour of the first event seen
    hour              TIMESTAMPTZ    NOT NULL,
    ended             BOOLEAN        NOT NULL DEFAULT FALSE,
    disposition       TEXT,
    answered          BOOLEAN        NOT NULL DEFAULT FALSE,
    abandoned         BOOLEAN        NOT NULL DEFAULT FALSE,
    talk_ms           BIGINT         NOT NULL DEFAULT 0,
    billable_seconds  BIGINT         NOT NULL DEFAULT 0,
    pdd_ms            BIGINT,
    callee_zone       TEXT,
    local_dow         SMALLINT,
    local_hour        SMALLINT,
    dropped           BOOLEAN        NOT NULL DEFAULT FALSE,
    charged           BOOLEAN        NOT NULL DEFAULT FALSE,
    unrated           BOOLEAN        NOT NULL DEFAULT FALSE,
    currency          CHAR(3),
    charge_cost       NUMERIC(20, 6),
    rerate_delta      NUMERIC(20, 6) NOT NULL DEFAULT 0,
    billed_seconds    BIGINT         NOT NULL DEFAULT 0,
    outcome_at        TIMESTAMPTZ,
    contact           BOOLEAN        NOT NULL DEFAULT FALSE,
    rpc               BOOLEAN        NOT NULL DEFAULT FALSE,
    conversion        BOOLEAN        NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, call_id)
);

-- Per tenant x campaign x carrier x destination class x currency x UTC hour. currency is '' for rows of calls that
-- cost nothing known (not charged yet, unrated); each call counts in exactly one row, so counts add up across
-- currencies and amounts never mix.
CREATE TABLE call_rollup (
    tenant_id         TEXT           NOT NULL,
    campaign_id       TEXT           NOT NULL,
    carrier_id        TEXT           NOT NULL,
    destination_class TEXT           NOT NULL,
    currency          TEXT           NOT NULL,
    hour              TIMESTAMPTZ    NOT NULL,
    attempts          BIGINT         NOT NULL DEFAULT 0,
    answered          BIGINT         NOT NULL DEFAULT 0,
    live_human        BIGINT         NOT NULL DEFAULT 0,
    connected         BIGINT         NOT NULL DEFAULT 0,
    abandoned         BIGINT         NOT NULL DEFAULT 0,
    ner_effective     BIGINT         NOT NULL DEFAULT 0,
    talk_ms           BIGINT         NOT NULL DEFAULT 0,
    billable_seconds  BIGINT         NOT NULL DEFAULT 0,
    billed_seconds    BIGINT         NOT NULL DEFAULT 0,
    charged_calls     BIGINT         NOT NULL DEFAULT 0,
    unrated_calls     BIGINT         NOT NULL DEFAULT 0,
    dropped           BIGINT         NOT NULL DEFAULT 0,
    contacts          BIGINT         NOT NULL DEFAULT 0,
    rpcs              BIGINT         NOT NULL DEFAULT 0,
    conversions       BIGINT         NOT NULL DEFAULT 0,
    cost              NUMERIC(20, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, hour, carrier_id, destination_class, currency)
);
CREATE INDEX call_rollup_tenant_hour ON call_rollup (tenant_id, hour);

-- Best time to call: per weekday (ISO 1 = Monday) x hour in the callee's local time.
CREATE TABLE heat_rollup (
    tenant_id   TEXT     NOT NULL,
    campaign_id TEXT     NOT NULL,
    local_dow   SMALLINT NOT NULL,
    local_hour  SMALLINT NOT NULL,
    attempts    BIGINT   NOT NULL DEFAULT 0,
    answered    BIGINT   NOT NULL DEFAULT 0,
    live_human  BIGINT   NOT NULL DEFAULT 0,
    rpcs        BIGINT   NOT NULL DEFAULT 0,
    conversions BIGINT   NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, local_dow, local_hour)
);

-- Post-dial delay histogram in 10 ms buckets, for percentiles over any range of hours.
CREATE TABLE pdd_rollup (
    tenant_id   TEXT        NOT NULL,
    campaign_id TEXT        NOT NULL,
    carrier_id  TEXT        NOT NULL,
    hour        TIMESTAMPTZ NOT NULL,
    bucket_ms   INT         NOT NULL,
    calls       BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, hour, carrier_id, bucket_ms)
);

-- Spend per campaign and currency, kept with the rollups so a budget check reads one row.
CREATE TABLE campaign_spend (
    tenant_id   TEXT           NOT NULL,
    campaign_id TEXT           NOT NULL,
    currency    CHAR(3)        NOT NULL,
    spent       NUMERIC(20, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, currency)
);

-- Every alert raised, once per alert_key (threshold:80, exhausted, anomaly:<dimension>:<value>:<hour>): the
-- unique key is what makes an alert exactly-once even when its fold is replayed.
CREATE TABLE alert (
    tenant_id   TEXT        NOT NULL,
    campaign_id TEXT        NOT NULL,
    alert_key   TEXT        NOT NULL,
    event_id    UUID        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, alert_key)
);
CREATE INDEX alert_tenant_time ON alert (tenant_id, occurred_at DESC);
