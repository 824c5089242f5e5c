-- Spend per tenant x campaign x carrier x currency x hour (UTC). Amounts are exact; currencies never mix.
CREATE TABLE spend_rollup (
    tenant_id     TEXT           NOT NULL,
    campaign_id   TEXT           NOT NULL,
    carrier_id    TEXT           NOT NULL,
    currency      CHAR(3)        NOT NULL,
    hour          TIMESTAMPTZ    NOT NULL,
    charged_calls BIGINT         NOT NULL DEFAULT 0,
    billed_seconds BIGINT        NOT NULL DEFAULT 0,
    cost          NUMERIC(20, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, carrier_id, currency, hour)
);
