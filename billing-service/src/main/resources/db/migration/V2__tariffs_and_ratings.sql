-- A carrier's tariff: one per carrier, with a fixed currency, zone and number region. Its band calendar is the
-- draft that the next uploaded version copies; every version keeps its own copy, so past ratings never change.
CREATE TABLE tariff (
    id             UUID        PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    carrier_id     UUID        NOT NULL REFERENCES carrier (id),
    name           TEXT        NOT NULL,
    currency       CHAR(3)     NOT NULL,
    zone           TEXT        NOT NULL,
    default_region CHAR(2)     NOT NULL,
    bands          JSONB       NOT NULL,
    holidays       JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, carrier_id)
);

-- Immutable once effective. The deck is kept in its canonical CSV form.
CREATE TABLE tariff_version (
    tenant_id         TEXT        NOT NULL,
    tariff_id         UUID        NOT NULL REFERENCES tariff (id) ON DELETE CASCADE,
    version           INTEGER     NOT NULL,
    effective_from    TIMESTAMPTZ NOT NULL,
    bands             JSONB       NOT NULL,
    holidays          JSONB       NOT NULL,
    deck_csv          TEXT        NOT NULL,
    destination_count INTEGER     NOT NULL,
    row_count         INTEGER     NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- set when TariffPublished for this version went into the outbox
    published_at      TIMESTAMPTZ,
    PRIMARY KEY (tariff_id, version),
    UNIQUE (tariff_id, effective_from)
);
CREATE INDEX tariff_version_unpublished ON tariff_version (effective_from) WHERE published_at IS NULL;

ALTER TABLE call_detail_record
    ADD COLUMN cost               NUMERIC, -- unconstrained: keeps the scale the tariff rounded to
    ADD COLUMN currency           CHAR(3),
    ADD COLUMN tariff_id          TEXT,
    ADD COLUMN tariff_version     INTEGER,
    ADD COLUMN destination_prefix TEXT,
    ADD COLUMN destination_class  TEXT,
    ADD COLUMN billed_seconds     BIGINT,
    ADD COLUMN breakdown          JSONB,
    ADD COLUMN unrated_reason     TEXT,
    ADD COLUMN unrated_detail     TEXT,
    ADD COLUMN rated_at           TIMESTAMPTZ;
CREATE INDEX call_detail_record_carrier ON call_detail_record (tenant_id, carrier_id, ended_at);
