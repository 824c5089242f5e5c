-- call_rollup summed per UTC day: what all-time and by-day reads use, so an overview over months sums
-- days x carriers x classes rather than hours x carriers x classes (24 times fewer rows).
CREATE TABLE call_rollup_day (LIKE call_rollup INCLUDING DEFAULTS);
ALTER TABLE call_rollup_day DROP COLUMN hour;
ALTER TABLE call_rollup_day ADD COLUMN day DATE NOT NULL;
ALTER TABLE call_rollup_day ADD PRIMARY KEY (tenant_id, campaign_id, day, carrier_id, destination_class, currency);
INSERT INTO call_rollup_day (tenant_id, campaign_id, day, carrier_id, destination_class, currency, attempts, answered,
    live_human, connected, abandoned, ner_effective, talk_ms, billable_seconds, billed_seconds, charged_calls,
    unrated_calls, dropped, contacts, rpcs, conversions, cost)
SELECT tenant_id, campaign_id, (hour AT TIME ZONE 'UTC')::date, carrier_id, destination_class, currency, sum(attempts),
    sum(answered), sum(live_human), sum(connected), sum(abandoned), sum(ner_effective), sum(talk_ms),
    sum(billable_seconds), sum(billed_seconds), sum(charged_calls), sum(unrated_calls), sum(dropped), sum(contacts),
    sum(rpcs), sum(conversions), sum(cost)
FROM call_rollup GROUP BY 1, 2, 3, 4, 5, 6;
