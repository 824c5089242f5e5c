package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.repository.MetricsRepository;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestInfrastructure;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures for docs/benchmarks.md "## Analytics". Off by default (minutes of load); run with
 * {@code mvn -B -o verify -pl analytics-service -Dtest=AnalyticsBenchmarkTest -Dwaihu.bench=true}.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@EnabledIfSystemProperty(named = "waihu.bench", matches = "true")
class AnalyticsBenchmarkTest {

    static final int HOURS = 90 * 24;
    static final String[] CARRIERS = {"cm", "ct", "cu", "c4", "c5"};
    static final String[] CLASSES = {"LOCAL", "NATIONAL", "MOBILE", "INTERNATIONAL"};

    @Inject
    Pool pool;

    @Inject
    FoldCommits commits;

    @Inject
    MetricsRepository metrics;

    @Inject
    io.waihu.analytics.repository.CampaignInfoRepository campaigns;

    @Inject
    io.waihu.analytics.service.AnalyticsService analytics;

    /**
     * 5 campaigns of 10,000,000 calls each over 90 days (hour x 5 carriers x 4 classes rollup rows, 43,200 per
     * campaign) with a PDD histogram of 100 buckets per hour and carrier; then GET overview of one campaign.
     */
    @Test
    void campaignOverviewOverTenMillionCalls() {
        String tenant = "bench-" + UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS));
        long seedStart = System.nanoTime();
        int rowsPerCampaign = HOURS * CARRIERS.length * CLASSES.length;
        long base = 10_000_000L / rowsPerCampaign;
        long extra = 10_000_000L - base * rowsPerCampaign;
        pool.preparedQuery("INSERT INTO call_rollup (tenant_id, campaign_id, hour, carrier_id, destination_class, currency, "
                        + "attempts, answered, live_human, connected, abandoned, ner_effective, talk_ms, billable_seconds, "
                        + "billed_seconds, charged_calls, unrated_calls, dropped, contacts, rpcs, conversions, cost) "
                        + "SELECT $1, camp, h, c, d, 'CNY', a, a * 4 / 10, a * 3 / 10, a * 28 / 100, a * 2 / 100, a * 9 / 10, "
                        + "a * 4 / 10 * 61234, a * 4 / 10 * 61, a * 4 / 10 * 66, a * 4 / 10, 0, 0, a * 3 / 10, a * 2 / 10, "
                        + "a * 3 / 100, (a * 0.213457)::numeric(20,6) FROM ("
                        + "  SELECT camp, h, c, d, $2::bigint + CASE WHEN row_number() OVER (PARTITION BY camp ORDER BY h, c, d) <= $3 THEN 1 ELSE 0 END AS a"
                        + "  FROM unnest(ARRAY['bench-0','bench-1','bench-2','bench-3','bench-4']) camp,"
                        + "       generate_series($4::timestamptz, $4::timestamptz + ($5 - 1) * interval '1 hour', interval '1 hour') h,"
                        + "       unnest($6::text[]) c, unnest($7::text[]) d) s")
                .execute(Tuple.of(tenant, base, extra, start.atOffset(java.time.ZoneOffset.UTC), HOURS)
                        .addArrayOfString(CARRIERS).addArrayOfString(CLASSES))
                .await().indefinitely();
        pool.preparedQuery("INSERT INTO pdd_rollup (tenant_id, campaign_id, hour, carrier_id, bucket_ms, calls) "
                        + "SELECT $1, camp, h, c, 500 + b * 10, 1 + (b % 7) FROM "
                        + "unnest(ARRAY['bench-0','bench-1','bench-2','bench-3','bench-4']) camp, "
                        + "generate_series($2::timestamptz, $2::timestamptz + ($3 - 1) * interval '1 hour', interval '1 hour') h, "
                        + "unnest($4::text[]) c, generate_series(0, 99) b")
                .execute(Tuple.of(tenant, start.atOffset(java.time.ZoneOffset.UTC), HOURS).addArrayOfString(CARRIERS))
                .await().indefinitely();
        pool.preparedQuery("INSERT INTO pdd_total (tenant_id, campaign_id, carrier_id, bucket_ms, calls) "
                + "SELECT tenant_id, campaign_id, carrier_id, bucket_ms, sum(calls) FROM pdd_rollup WHERE tenant_id = $1 "
                + "GROUP BY 1, 2, 3, 4").execute(Tuple.of(tenant)).await().indefinitely();
        pool.preparedQuery("INSERT INTO call_rollup_day (tenant_id, campaign_id, day, carrier_id, destination_class, currency, "
                + "attempts, answered, live_human, connected, abandoned, ner_effective, talk_ms, billable_seconds, billed_seconds, "
                + "charged_calls, unrated_calls, dropped, contacts, rpcs, conversions, cost) "
                + "SELECT tenant_id, campaign_id, (hour AT TIME ZONE 'UTC')::date, carrier_id, destination_class, currency, "
                + "sum(attempts), sum(answered), sum(live_human), sum(connected), sum(abandoned), sum(ner_effective), sum(talk_ms), "
                + "sum(billable_seconds), sum(billed_seconds), sum(charged_calls), sum(unrated_calls), sum(dropped), "
                + "sum(contacts), sum(rpcs), sum(conversions), sum(cost) FROM call_rollup WHERE tenant_id = $1 "
                + "GROUP BY 1, 2, 3, 4, 5, 6").execute(Tuple.of(tenant)).await().indefinitely();
        pool.query("ANALYZE").execute().await().indefinitely();
        System.out.printf("BENCH seeded 5 x 10,000,000 calls (%d rollup rows, %d pdd rows) in %.1f s%n",
                rowsPerCampaign * 5, HOURS * CARRIERS.length * 100 * 5, (System.nanoTime() - seedStart) / 1e9);

        String bearer = TestTokens.bearer(tenant, "supervisor");
        String attempts = given().header("Authorization", bearer).when().get("/api/v1/analytics/campaigns/bench-2/overview")
                .then().statusCode(200).extract().path("metrics.attempts").toString();
        assertThat(attempts).isEqualTo("10000000");
        // warm-up as JMH would: the read path is compiled before it is timed (30 requests left it interpreted)
        int warmUp = Integer.getInteger("waihu.bench.overview.warmup", 1_000);
        for (int i = 0; i < warmUp; i++) {
            given().header("Authorization", bearer).when().get("/api/v1/analytics/campaigns/bench-" + (i % 5) + "/overview")
                    .then().statusCode(200);
        }
        int n = Integer.getInteger("waihu.bench.overview.samples", 1_000);
        long[] micros = new long[n];
        Instant[] startedAt = new Instant[n];
        for (int i = 0; i < n; i++) {
            startedAt[i] = Instant.now();
            long t0 = System.nanoTime();
            given().header("Authorization", bearer).when().get("/api/v1/analytics/campaigns/bench-" + (i % 5) + "/overview")
                    .then().statusCode(200);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        // when the slowest requests started, to set beside a GC log (-DargLine=-Xlog:gc:file=...:time)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(micros[b], micros[a]));
        StringBuilder slowest = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            slowest.append(String.format(" %s:%.1fms", startedAt[order[k]], micros[order[k]] / 1000.0));
        }
        System.out.println("BENCH overview slowest requests (start instant:duration):" + slowest);
        Arrays.sort(micros);
        long autovacuum = pool.query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
                .execute().await().indefinitely().iterator().next().getLong(0);
        System.out.printf("BENCH overview: autovacuum workers running at the end of the measurement: %d%n", autovacuum);
        parts(tenant);
        System.out.printf("BENCH overview over 10,000,000 calls (after %d warm-up requests): n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", warmUp, n,
                micros[n / 2] / 1000.0, micros[n * 95 / 100] / 1000.0, micros[n * 99 / 100] / 1000.0, micros[n - 1] / 1000.0);
    }

    /** Where an overview's time goes: each of its reads alone, awaited one after the other (a profile, not the figure). */
    private void parts(String tenant) {
        Map<String, java.util.function.IntFunction<Object>> reads = new java.util.LinkedHashMap<>();
        Instant window = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        reads.put("campaign_info", i -> campaigns.find(tenant, "bench-" + (i % 5)).await().indefinitely());
        reads.put("totals (call_rollup_day)", i -> metrics.totals(tenant, "bench-" + (i % 5), null, null,
                MetricsRepository.Grain.NONE, MetricsRepository.Dimension.NONE).await().indefinitely());
        reads.put("pdd (pdd_total)", i -> metrics.pdd(tenant, "bench-" + (i % 5), null, null, false).await().indefinitely());
        reads.put("abandon window (days + edge hours)", i -> metrics.abandonCounts(tenant, "bench-" + (i % 5), window).await().indefinitely());
        reads.put("abandon window as before (720 hours)", i -> metrics.totals(tenant, "bench-" + (i % 5), window, null,
                MetricsRepository.Grain.NONE, MetricsRepository.Dimension.NONE).await().indefinitely());
        reads.put("overview service call (no HTTP)", i -> analytics.overview(tenant, "bench-" + (i % 5), null, null).await().indefinitely());
        String bearer = TestTokens.bearer(tenant, "supervisor");
        reads.put("HTTP floor: GET campaigns list (empty)", i -> given().header("Authorization", bearer).when()
                .get("/api/v1/analytics/campaigns?size=1").then().statusCode(200));
        reads.forEach((name, read) -> {
            int n = 200;
            long[] us = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                read.apply(i);
                us[i] = (System.nanoTime() - t0) / 1000;
            }
            Arrays.sort(us);
            System.out.printf("BENCH overview part %-38s n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms%n", name, n, us[n / 2] / 1000.0,
                    us[n * 95 / 100] / 1000.0, us[n * 99 / 100] / 1000.0);
        });
    }

    /**
     * CallEnded + CallCharged pairs published at 5,000 events/s for 30 s. Lag = the moment the fold transaction that
     * folded the event has committed (FoldCommitted, fired when the commit is acknowledged: from then on every
     * query sees the event in the rollups) minus the moment the record was handed to the producer.
     * <p>
     * Until 2026-11-26 the end point was processed_event.processed_at, the fold transaction's start (PostgreSQL
     * now()). With one event per transaction the two differ by a few milliseconds; with a poll per transaction the
     * start comes before the whole batch's work, so it would flatter the figure by up to a batch's duration. Both
     * are printed; the commit figure is the one that counts.
     */
    @Test
    void eventToRollupLagAtFiveThousandEventsPerSecond() throws Exception {
        String tenant = "lag-" + UUID.randomUUID();
        int rate = Integer.getInteger("waihu.bench.rate", 5000);
        int seconds = Integer.getInteger("waihu.bench.seconds", 30);
        int warmup = Integer.getInteger("waihu.bench.warmup", 0);
        int warmProducer = Integer.getInteger("waihu.bench.warm-producer", 0);
        if (warmProducer > 0) {
            // diagnostic only: this JVM's producer and embedded broker (which stand for services and a broker that
            // have been running) warmed on a topic analytics does not read; the service itself stays as it started
            publish("producer-" + UUID.randomUUID(), rate, warmProducer, new HashMap<>(), "bench.producer-warm-up.calls",
                    "bench.producer-warm-up.charges");
        }
        if (warmup > 0) {
            // a service that has been running: the same load for a while first (JIT-compiled, pools and fetch
            // sessions established), folded completely before the measured run starts
            String warm = "warm-" + UUID.randomUUID();
            Map<UUID, Long> warmSent = new HashMap<>();
            publish(warm, rate, warmup, warmSent, Topics.CALL_EVENTS, Topics.CHARGE_EVENTS);
            awaitFolded(warm, warmSent.size());
        }
        Map<UUID, Long> sentAtMillis = new HashMap<>();
        publish(tenant, rate, seconds, sentAtMillis, Topics.CALL_EVENTS, Topics.CHARGE_EVENTS);
        assertThat(awaitFolded(tenant, sentAtMillis.size())).isEqualTo(sentAtMillis.size());
        List<Long> started = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT event_id, (extract(epoch FROM processed_at) * 1000)::bigint AS at FROM processed_event "
                + "WHERE tenant_id = $1").execute(Tuple.of(tenant)).await().indefinitely()) {
            long sent = sentAtMillis.get(r.getUUID("event_id"));
            started.add(r.getLong("at") - sent);
            Long committed = commits.committedAt(r.getUUID("event_id"));
            assertThat(committed).as("commit seen for every folded event").isNotNull();
            lags.add(committed - sent);
        }
        // p99 per 5 s of sending: a lag that grows from window to window means the fold does not keep up
        TreeMap<Long, List<Long>> windows = new TreeMap<>();
        long firstSent = sentAtMillis.values().stream().min(Long::compare).orElseThrow();
        for (Row r : pool.preparedQuery("SELECT event_id FROM processed_event WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely()) {
            long sent = sentAtMillis.get(r.getUUID("event_id"));
            windows.computeIfAbsent((sent - firstSent) / 5000, k -> new ArrayList<>()).add(commits.committedAt(r.getUUID("event_id")) - sent);
        }
        StringBuilder timeline = new StringBuilder();
        windows.forEach((w, l) -> {
            l.sort(null);
            timeline.append(String.format(" %d-%ds:%d", w * 5, w * 5 + 5, l.get(l.size() * 99 / 100)));
        });
        System.out.println("BENCH lag p99 (ms) by second of sending:" + timeline);
        // where a cold start's backlog comes from: per second since the first send, events sent, events folded
        // (committed), fold transactions and events per transaction
        long[] sentPerSecond = new long[seconds + 120];
        sentAtMillis.values().forEach(t -> sentPerSecond[(int) Math.min(sentPerSecond.length - 1, (t - firstSent) / 1000)]++);
        long[] foldedPerSecond = new long[sentPerSecond.length];
        long[] txPerSecond = new long[sentPerSecond.length];
        for (long[] tx : commits.commitsOf(sentAtMillis.keySet())) {
            int s = (int) Math.max(0, Math.min(sentPerSecond.length - 1, (tx[0] - firstSent) / 1000));
            foldedPerSecond[s] += tx[1];
            txPerSecond[s]++;
        }
        StringBuilder perSecond = new StringBuilder();
        long backlog = 0;
        for (int s = 0; s < sentPerSecond.length && (s < seconds || backlog > 0); s++) {
            backlog += sentPerSecond[s] - foldedPerSecond[s];
            perSecond.append(String.format("%n  %3d s: sent %5d folded %5d in %3d tx (%.0f each) backlog %6d", s, sentPerSecond[s],
                    foldedPerSecond[s], txPerSecond[s], txPerSecond[s] == 0 ? 0.0 : (double) foldedPerSecond[s] / txPerSecond[s], backlog));
        }
        System.out.println("BENCH lag timeline by second since the first send:" + perSecond);
        started.sort(null);
        lags.sort(null);
        int n = lags.size();
        System.out.printf("BENCH lag at %d events/s for %d s (to commit): n=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms%n", rate,
                seconds, n, lags.get(n / 2), lags.get(n * 95 / 100), lags.get(n * 99 / 100), lags.get(n - 1));
        System.out.printf("BENCH lag at %d events/s for %d s (to transaction start, the old measure): p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                rate, seconds, started.get(n / 2), started.get(n * 95 / 100), started.get(n * 99 / 100), started.get(n - 1));
        System.out.printf("BENCH fold transactions: %d for %d events (%.1f events each)%n", commits.transactionsWith(sentAtMillis.keySet()),
                n, (double) n / commits.transactionsWith(sentAtMillis.keySet()));
        String attempts = given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .when().get("/api/v1/analytics/campaigns/camp-0/overview").then().statusCode(200)
                .extract().path("metrics.attempts").toString();
        assertThat(Long.parseLong(attempts)).isEqualTo((long) rate * seconds / 2 / 20);
    }

    private static void publish(String tenant, int rate, int seconds, Map<UUID, Long> sentAtMillis, String callTopic,
                                String chargeTopic) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            long t0 = System.nanoTime();
            int total = rate * seconds;
            for (int i = 0; i < total; i += 2) {
                long due = t0 + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String callId = "call-" + i;
                String campaign = "camp-" + (i / 2 % 20); // i steps by 2: one call per i pair
                Instant setup = hour.plusMillis(i % 3_000_000);
                var ended = io.waihu.events.dialer.CallEnded.of(tenant, null, callId, campaign, "att-" + i, "k-" + i,
                        "+8613800138000", CARRIERS[i % 5], null, CallDisposition.ANSWERED_HUMAN, setup, setup.plusMillis(1200),
                        setup.plusMillis(4000), setup.plusMillis(64_000), 60, false, null, "Asia/Shanghai");
                var charged = AnalyticsFlowTest.charged(tenant, callId, CARRIERS[i % 5], null, "0.3000", DestinationClass.MOBILE, 60);
                send(producer, callTopic, ended, "dialer-service", sentAtMillis);
                send(producer, chargeTopic, charged, "billing-service", sentAtMillis);
            }
            producer.flush();
            System.out.printf("BENCH published %d events in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Waits (10 minutes at most) until the tenant's events are all folded; returns how many are. */
    private long awaitFolded(String tenant, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long done = 0;
        while (System.nanoTime() < deadline) {
            done = pool.preparedQuery("SELECT count(*) FROM processed_event WHERE tenant_id = $1").execute(Tuple.of(tenant))
                    .await().indefinitely().iterator().next().getLong(0);
            if (done >= expected) {
                break;
            }
            Thread.sleep(500);
        }
        return done;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, WaihuEvent event, String service,
                             Map<UUID, Long> sentAt) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.aggregateId(), EventJson.write(event));
        CloudEvents.headersFor(event, service).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        sentAt.put(event.eventId(), System.currentTimeMillis());
        producer.send(record);
    }
}
