-- PDD histogram over a campaign's whole life per carrier: what the all-time overview and carrier comparison read,
-- instead of summing the hourly histogram (about 100 rows per hour and carrier) over months.
CREATE TABLE pdd_total (
    tenant_id   TEXT   NOT NULL,
    campaign_id TEXT   NOT NULL,
    carrier_id  TEXT   NOT NULL,
    bucket_ms   INT    NOT NULL,
    calls       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, carrier_id, bucket_ms)
);
INSERT INTO pdd_total (tenant_id, campaign_id, carrier_id, bucket_ms, calls)
SELECT tenant_id, campaign_id, carrier_id, bucket_ms, sum(calls) FROM pdd_rollup GROUP BY 1, 2, 3, 4;
