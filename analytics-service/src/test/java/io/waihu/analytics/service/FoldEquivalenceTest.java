package io.waihu.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.Money;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.ChargeBreakdown;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.events.billing.ChargeSegment;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.UnratedReason;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.OutcomeEvent;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch fold against the fold it replaced ({@link ReferenceFold}, one transaction per event): a seeded random
 * stream of calls, drops, charges, reratings (some negative, taking spend back under a threshold), unrated calls
 * and outcomes (some without a call, some late), with duplicates and out-of-order arrivals and a spend spike in the
 * last hour, is folded event by event for one tenant and in random-sized mixed batches for another. Facts, every
 * rollup table, the spend, the overview metrics and the alerts (keys, payloads, exactly one outbox record each) must
 * be identical, and the spend must equal the hand-summed charges and reratings. Replay a failure with
 * {@code -Dfold.seed=<seed>}.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class FoldEquivalenceTest {

    static final String[] CAMPAIGNS = {"eq-a", "eq-b", "eq-c"};
    static final String[] CARRIERS = {"cm", "ct", "cu"};
    static final String[] ZONES = {"Asia/Shanghai", "America/New_York", "Europe/Berlin"};
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FoldService fold;

    @Inject
    ReferenceFold reference;

    @Inject
    Pool pool;

    @Test
    void batchesFoldExactlyAsOneEventPerTransaction() {
        for (long seed : seeds(1L, 20261127L, 777L)) {
            compare(seed);
        }
    }

    private void compare(long seed) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String one = "eq1-" + UUID.randomUUID();
        String many = "eqN-" + UUID.randomUUID();
        List<WaihuEvent> single = new Stream(seed, one, now).events();
        List<WaihuEvent> batched = new Stream(seed, many, now).events();
        assertThat(batched).as("seed %d", seed).hasSameSizeAs(single);

        for (WaihuEvent e : single) {
            if (e instanceof CampaignEvent c) {
                reference.foldCampaign(c).await().indefinitely();
            } else if (e instanceof CallEvent c) {
                reference.foldCall(c).await().indefinitely();
            } else if (e instanceof ChargeEvent c) {
                reference.foldCharge(c).await().indefinitely();
            } else if (e instanceof OutcomeEvent o) {
                reference.foldOutcome(o).await().indefinitely();
            }
        }
        Random sizes = new Random(seed ^ 0x5DEECE66DL);
        int batches = 0;
        int largest = 0;
        List<WaihuEvent> chunk = new ArrayList<>();
        int target = 1 + sizes.nextInt(150);
        for (WaihuEvent e : batched) {
            if (e instanceof CampaignEvent c) {
                // a campaign change sits between the fact batches around it, as on its own topic it would
                batches += flush(chunk);
                fold.foldCampaigns(List.of(c)).await().indefinitely();
                continue;
            }
            chunk.add(e);
            largest = Math.max(largest, chunk.size());
            if (chunk.size() >= target) {
                batches += flush(chunk);
                target = 1 + sizes.nextInt(150);
            }
        }
        batches += flush(chunk);
        assertThat(largest).as("seed %d: some batches hold many events", seed).isGreaterThan(20);

        String why = "seed " + seed + " (" + single.size() + " events, " + batches + " batches)";
        for (String table : List.of("call_fact", "call_rollup", "call_rollup_day", "heat_rollup", "pdd_rollup", "pdd_total",
                "campaign_spend", "spend_rollup", "campaign_info")) {
            assertThat(rows(table, many)).as(why + ": " + table).isEqualTo(rows(table, one));
        }
        List<String> alerts = alerts(one);
        assertThat(alerts(many)).as(why + ": alerts").isEqualTo(alerts);
        assertThat(alerts).as(why + ": the stream raises budget and anomaly alerts")
                .anyMatch(a -> a.contains("BudgetThresholdReached")).anyMatch(a -> a.contains("SpendAnomaly"));
        assertThat(outboxAlerts(many)).as(why + ": one outbox record per alert").isEqualTo(alerts.size());
        assertThat(outboxAlerts(one)).as(why).isEqualTo(alerts.size());
        for (String campaign : CAMPAIGNS) {
            assertThat(overview(many, campaign)).as(why + ": overview of " + campaign).isEqualTo(overview(one, campaign));
        }
        System.out.printf("FoldEquivalenceTest %s: %d facts, %d rollup rows, %d alerts equal%n", why,
                rows("call_fact", one).size(), rows("call_rollup", one).size(), alerts.size());
        // and against hand-summed totals: spend per campaign and currency is every distinct charge and rerating
        assertThat(spend(many)).as(why + ": spend").isEqualTo(handSummedSpend(batched));
    }

    /** The seed given with {@code -Dfold.seed=} alone, else the fixed seeds and one from the clock. */
    static List<Long> seeds(Long... fixedSeeds) {
        String given = System.getProperty("fold.seed");
        if (given != null) {
            return List.of(Long.parseLong(given));
        }
        List<Long> seeds = new ArrayList<>(List.of(fixedSeeds));
        seeds.add(System.nanoTime());
        return seeds;
    }

    private int flush(List<WaihuEvent> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        fold.foldAll(List.copyOf(chunk)).await().indefinitely();
        chunk.clear();
        return 1;
    }

    /** The table's rows of the tenant, tenant column left out, rows of nothing but zeros left out, sorted. */
    private List<String> rows(String table, String tenant) {
        List<String> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT * FROM " + table + " WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely()) {
            StringBuilder line = new StringBuilder();
            boolean anyMeasure = false;
            boolean measured = false;
            for (int i = 0; i < r.size(); i++) {
                String column = r.getColumnName(i);
                if (column.equals("tenant_id") || column.equals("updated_at")) {
                    continue;
                }
                Object v = r.getValue(i);
                if (v instanceof BigDecimal d) {
                    v = d.stripTrailingZeros().toPlainString();
                    measured = true;
                    anyMeasure |= d.signum() != 0;
                } else if (v instanceof Long l && !column.equals("bucket_ms")) {
                    measured = true;
                    anyMeasure |= l != 0;
                } else if (v instanceof Object[] array) {
                    v = List.of(array);
                }
                line.append(column).append('=').append(v).append(' ');
            }
            // a batch does not write a rollup row whose changes cancel out; one event at a time leaves it at zero
            if (table.equals("call_fact") || table.equals("campaign_info") || !measured || anyMeasure) {
                out.add(line.toString());
            }
        }
        out.sort(null);
        return out;
    }

    /** Each alert's campaign, key and payload, with what differs by tenant or by run (ids, instants) left out. */
    private List<String> alerts(String tenant) {
        List<String> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT campaign_id, alert_key, event_type, payload FROM alert WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely()) {
            try {
                ObjectNode payload = (ObjectNode) JSON.readTree(r.getString("payload"));
                payload.remove(List.of("eventId", "tenantId", "occurredAt"));
                out.add(r.getString("campaign_id") + " " + r.getString("alert_key") + " " + r.getString("event_type") + " " + payload);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        out.sort(null);
        return out;
    }

    private long outboxAlerts(String tenant) {
        return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND topic = 'analytics.alert-events.v1'")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    private JsonNode overview(String tenant, String campaign) {
        String body = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/analytics/campaigns/" + campaign + "/overview").then().statusCode(200).extract().asString();
        try {
            ObjectNode overview = (ObjectNode) JSON.readTree(body);
            // the window bounds are read at request time; everything folded must be equal
            overview.remove(List.of("from", "to"));
            if (overview.get("abandonWindow") instanceof ObjectNode window) {
                window.remove(List.of("from", "to"));
            }
            return overview;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, BigDecimal> spend(String tenant) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Row r : pool.preparedQuery("SELECT campaign_id, currency, spent FROM campaign_spend WHERE tenant_id = $1 AND spent <> 0")
                .execute(Tuple.of(tenant)).await().indefinitely()) {
            out.put(r.getString("campaign_id") + " " + r.getString("currency").trim(), r.getBigDecimal("spent").stripTrailingZeros());
        }
        return out;
    }

    private static Map<String, BigDecimal> handSummedSpend(List<WaihuEvent> events) {
        Map<String, BigDecimal> out = new TreeMap<>();
        Set<UUID> seen = new java.util.HashSet<>();
        for (WaihuEvent e : events) {
            if (!seen.add(e.eventId())) {
                continue;
            }
            if (e instanceof CallCharged c) {
                out.merge(c.campaignId() + " " + c.cost().currency(), c.cost().amount(), BigDecimal::add);
            } else if (e instanceof CallRerated r) {
                out.merge(r.campaignId() + " " + r.delta().currency(), r.delta().amount(), BigDecimal::add);
            }
        }
        out.replaceAll((k, v) -> v.stripTrailingZeros());
        out.values().removeIf(v -> v.signum() == 0);
        return out;
    }

    /** The same seeded stream for any tenant: only the tenant and the event ids differ. */
    static final class Stream {
        private final Random random;
        private final String tenant;
        private final Instant now;
        private final int hours;

        Stream(long seed, String tenant, Instant now) {
            this(seed, tenant, now, 10);
        }

        /** Calls set up over the {@code hours} before {@code now} (the spike in the hour after it). */
        Stream(long seed, String tenant, Instant now, int hours) {
            this.random = new Random(seed);
            this.tenant = tenant;
            this.now = now;
            this.hours = hours;
        }

        List<WaihuEvent> events() {
            Instant h0 = now.minus(Duration.ofHours(hours));
            List<WaihuEvent> campaigns = new ArrayList<>();
            campaigns.add(CampaignStarted.of(tenant, h0, "eq-a", "A", DialMode.PREDICTIVE, "cn-default",
                    Money.of("60.00", "CNY"), List.of("cm", "ct", "cu"), now.plus(Duration.ofDays(2)), null, List.of(50, 80, 100)));
            campaigns.add(CampaignStarted.of(tenant, h0, "eq-b", "B", DialMode.PROGRESSIVE, "cn-default",
                    Money.of("35.00", "CNY"), List.of("cm", "ct", "cu"), now.plus(Duration.ofDays(2)), null, null));
            // eq-c has no campaign event: facts and rollups only, no budget

            // [call index, event] so that arrival order can be jittered around the call's own position
            List<Object[]> timeline = new ArrayList<>();
            int calls = 160 + random.nextInt(80);
            for (int i = 0; i < calls; i++) {
                boolean spike = i >= calls - 12; // the last calls: a spike of international spend in the last hour
                String callId = "c" + i;
                String campaign = spike ? "eq-a" : CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
                String carrier = CARRIERS[random.nextInt(CARRIERS.length)];
                String currency = !spike && random.nextInt(10) == 0 ? "USD" : "CNY";
                Instant setup = spike ? now.plusSeconds(random.nextInt(1800))
                        : h0.plusSeconds(random.nextInt(hours * 3600));
                List<WaihuEvent> own = new ArrayList<>();
                if (!spike && random.nextInt(10) == 0) {
                    own.add(DialDropped.of(tenant, setup, callId, campaign, "att-" + callId, "k-" + callId, "+8613800138000",
                            DropReason.values()[random.nextInt(DropReason.values().length)], null, setup));
                    timeline.add(new Object[]{i, own.get(0)});
                    continue;
                }
                CallDisposition d = spike ? CallDisposition.ANSWERED_HUMAN
                        : CallDisposition.values()[random.nextInt(CallDisposition.values().length)];
                boolean answered = d == CallDisposition.ANSWERED_HUMAN || d == CallDisposition.VOICEMAIL || d == CallDisposition.ABANDONED;
                Long ring = random.nextInt(5) == 0 ? null : (long) (300 + random.nextInt(4000));
                Long answer = answered ? (ring == null ? 2000L : ring + 1000 + random.nextInt(9000)) : null;
                long end = (answer == null ? 3000 : answer) + random.nextInt(200_000);
                long billable = answer == null ? 0 : (end - answer) / 1000;
                String zone = random.nextInt(8) == 0 ? null : ZONES[random.nextInt(ZONES.length)];
                own.add(CallEnded.of(tenant, setup.plusMillis(end), callId, campaign, "att-" + callId, "k-" + callId,
                        "+8613800138000", carrier, null, d, setup, ring == null ? null : setup.plusMillis(ring),
                        answer == null ? null : setup.plusMillis(answer), setup.plusMillis(end), billable,
                        d == CallDisposition.ABANDONED || (answered && random.nextInt(20) == 0), null, zone));
                Instant rated = setup.plusMillis(end).plusSeconds(random.nextInt(7200)); // may be stamped hours later
                int charge = random.nextInt(10);
                if (spike || charge < 8) {
                    BigDecimal cost = spike ? new BigDecimal(8 + random.nextInt(8)).add(new BigDecimal(random.nextInt(10000)).movePointLeft(4))
                            : new BigDecimal(5 + random.nextInt(250)).movePointLeft(2);
                    DestinationClass cls = spike ? DestinationClass.INTERNATIONAL
                            : DestinationClass.values()[random.nextInt(4)];
                    own.add(charged(tenant, callId, campaign, carrier, rated, cost, currency, cls, Math.max(billable, 6)));
                    if (random.nextInt(5) == 0) {
                        // reratings go either way; a large negative one can take spend back under a threshold
                        BigDecimal delta = new BigDecimal(random.nextInt(600) - 400).movePointLeft(2);
                        Money before = Money.of(cost, currency);
                        Money after = Money.of(cost.add(delta), currency);
                        own.add(CallRerated.of(tenant, rated.plusSeconds(600), callId, campaign, before, after,
                                Money.of(delta, currency), 2, "tariff corrected"));
                    }
                } else if (charge == 8) {
                    own.add(CallUnrated.of(tenant, rated, callId, campaign, carrier, UnratedReason.NO_TARIFF, null));
                }
                if (random.nextInt(5) < 2) {
                    boolean withCall = random.nextInt(6) != 0;
                    Instant at = setup.plusMillis(end).plusSeconds(60 + random.nextInt(600));
                    own.add(OutcomeRecorded.of(tenant, at, campaign, "att-" + callId, withCall ? callId : null, "k-" + callId,
                            "SALE", random.nextBoolean(), random.nextBoolean(), random.nextInt(3) == 0, false, "agent-1"));
                    if (random.nextInt(4) == 0) {
                        // a second outcome of the call; it may be older than the first and arrive after it
                        Instant other = at.plusSeconds(random.nextInt(1200) - 600);
                        own.add(OutcomeRecorded.of(tenant, other, campaign, "att-" + callId, withCall ? callId : null,
                                "k-" + callId, "CALLBACK", true, random.nextBoolean(), random.nextBoolean(), false, "agent-2"));
                    }
                }
                for (WaihuEvent e : own) {
                    timeline.add(new Object[]{i, e});
                }
            }
            // out of order: each event arrives up to 25 calls early or late, and any of a call's events may come first
            Map<Object[], Double> position = new HashMap<>();
            for (Object[] t : timeline) {
                position.put(t, (Integer) t[0] + random.nextDouble() * 50 - 25);
            }
            timeline.sort((a, b) -> Double.compare(position.get(a), position.get(b)));
            List<WaihuEvent> out = new ArrayList<>(campaigns);
            List<WaihuEvent> seen = new ArrayList<>();
            int lowered = timeline.size() * 2 / 3;
            for (int k = 0; k < timeline.size(); k++) {
                WaihuEvent e = (WaihuEvent) timeline.get(k)[1];
                out.add(e);
                seen.add(e);
                if (random.nextInt(12) == 0) {
                    out.add(seen.get(random.nextInt(seen.size()))); // a duplicate delivery of an earlier event
                }
                if (k == lowered) {
                    // two thirds in, eq-b's budget is lowered: thresholds re-arm at the new budget
                    out.add(CampaignSettingsChanged.of(tenant, now, "eq-b", null, null, null, Money.of("30.00", "CNY"),
                            null, null, null, List.of(60, 90, 100)));
                }
            }
            return out;
        }
    }

    static CallCharged charged(String tenant, String callId, String campaign, String carrier, Instant at, BigDecimal amount,
                               String currency, DestinationClass cls, long billed) {
        Money cost = Money.of(amount, currency);
        return CallCharged.of(tenant, at, callId, campaign, "att-" + callId, carrier, cost, "tariff-1", 1, "86",
                cls, billed, new ChargeBreakdown(List.of(new ChargeSegment("all", "60/6", billed, billed, billed / 6,
                        Money.of("0.05", currency), cost)), Money.zero(currency), List.of()));
    }
}
