-- The dialer's copy of each campaign, fed by campaign.campaign-events.v1.
CREATE TABLE dialer_campaign (
    tenant_id            TEXT        NOT NULL,
    campaign_id          TEXT        NOT NULL,
    name                 TEXT,
    dial_mode            TEXT,
    rule_pack            TEXT,
    status               TEXT        NOT NULL,
    allowed_carrier_ids  JSONB       NOT NULL DEFAULT '[]',
    status_reason        TEXT,
    -- occurredAt of the newest campaign event applied: older ones arriving late change nothing
    last_event_at        TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id)
);
