-- PREVIEW: an agent asks for its next call and holds the request while it reviews the contact. The reservation is on
-- the queued row itself, so a restart keeps it until it times out; skipped_by keeps the agents who passed on it, so
-- the request goes to another agent instead of coming back to the same one.
ALTER TABLE dial_request ADD COLUMN reserved_by      TEXT;
ALTER TABLE dial_request ADD COLUMN reserved_call_id TEXT;
ALTER TABLE dial_request ADD COLUMN reserved_until   TIMESTAMPTZ;
ALTER TABLE dial_request ADD COLUMN skipped_by       TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX dial_request_reserved ON dial_request (reserved_until) WHERE reserved_by IS NOT NULL;
CREATE UNIQUE INDEX dial_request_one_per_agent ON dial_request (tenant_id, reserved_by) WHERE reserved_by IS NOT NULL;
