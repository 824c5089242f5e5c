-- Tables every service has. Versions 0.x are the platform's; each service's own migrations start at 1.

-- Idempotent consumers: an event's effect and this row commit together, so a replay changes nothing.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    tenant_id    TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Transactional outbox: a state change and the event that announces it are written in one transaction;
-- the relay publishes rows in id order and marks them published.
CREATE TABLE outbox_event (
    id           BIGSERIAL PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_id     UUID        NOT NULL UNIQUE,
    event_type   TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    headers      JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
