package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.RouteEntry;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.CallingWindow;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.campaign.DialPolicy;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dialer throughput on the simulator, with every event written to the outbox and published to Kafka. N dial requests
 * are queued first (the campaign is not known yet, so nothing is dialled); then CampaignStarted (AGENTLESS, caps high
 * enough not to bind) starts the clock, which stops when N attempts have a final event (CallEnded or DialDropped)
 * published on dialer.call-events.v1. Run: see docs/benchmarks.md "Dialer throughput". Not part of the normal build.
 */
@QuarkusTest
@TestProfile(DialerThroughputBench.Fast.class)
@WithTestResource(RealInfrastructureResource.class)
@EnabledIfSystemProperty(named = "waihu.bench", matches = "true")
class DialerThroughputBench {

    public static class Fast implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // 600x: a 90 s call lasts 150 ms, a 25 s ring-out 42 ms; the queue waits for its campaign
            return Map.of("waihu.simulator.time-factor", System.getProperty("waihu.bench.time-factor", "600"),
                    "waihu.dialer.unknown-campaign-grace", "30m",
                    "quarkus.log.category.\"io.waihu\".level", "WARN");
        }
    }

    @Inject
    Pool pool;

    long count(String sql, String tenant) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void attemptsPerSecond() throws Exception {
        int n = Integer.getInteger("waihu.bench.attempts", 20_000);
        String tenant = "bench-" + UUID.randomUUID();
        String campaign = "camp-bench";
        for (String carrier : List.of("carrier-a", "carrier-b")) {
            KafkaProbe.publish(Topics.TARIFF_EVENTS, TariffPublished.of(tenant, null, carrier, carrier, "deck-" + carrier, 1, "CNY",
                    Instant.now().minus(1, ChronoUnit.HOURS), null, 60,
                    List.of(new RouteEntry("86", DestinationClass.MOBILE, Money.of(carrier.endsWith("a") ? "0.10" : "0.20", "CNY"))), 1),
                    "billing-service");
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        Instant deadline = Instant.now().plus(2, ChronoUnit.HOURS);
        long ingestStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < n; i++) {
                DialRequested r = DialRequested.of(tenant, null, campaign, "att-" + i, "contact-" + i,
                        String.format(Locale.ROOT, "+86138%08d", i), List.of("Asia/Shanghai"), deadline, 1, 0);
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DIAL_REQUESTS, r.aggregateId(), EventJson.write(r));
                CloudEvents.headersFor(r, "campaign-service").forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        while (count("SELECT count(*) FROM dial_request WHERE tenant_id = $1", tenant) < n) {
            Thread.sleep(100);
        }
        double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;

        List<CallingWindow> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(new CallingWindow(d, 0, 1440));
        }
        DialPolicy policy = new DialPolicy(1, "+861012345678", windows, List.of(), 300, AbandonWindow.ROLLING_30_DAYS, "Asia/Shanghai", 0,
                50_000, 5_000);
        long start = System.nanoTime();
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, campaign, "Bench", DialMode.AGENTLESS, "CN",
                null, List.of(), null, policy, null), "campaign-service");
        String finals = "SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND event_type IN ('CallEnded', 'DialDropped') "
                + "AND published_at IS NOT NULL";
        long firstPlacedNanos = 0;
        long allPlacedNanos = 0;
        List<String> samples = new ArrayList<>();
        long lastSample = start;
        while (true) {
            // light polling: the counts scan the outbox, and the machine has two cores
            long done = count(finals, tenant);
            long now = System.nanoTime();
            long placed = now - lastSample >= 2_000_000_000L || firstPlacedNanos == 0
                    ? count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND event_type = 'CallPlaced'", tenant) : 0;
            if (firstPlacedNanos == 0 && placed > 0) {
                firstPlacedNanos = now;
            }
            if (allPlacedNanos == 0 && count("SELECT count(*) FROM dial_request WHERE tenant_id = $1", tenant) == 0) {
                allPlacedNanos = now;
            }
            if (now - lastSample >= 2_000_000_000L) {
                samples.add(String.format(Locale.ROOT, "t=%.1fs placed=%d final-published=%d", (now - start) / 1e9, placed, done));
                lastSample = now;
            }
            if (done >= n) {
                break;
            }
            assertThat(now - start).as("the bench did not finish in 10 minutes").isLessThan(Duration.ofMinutes(10).toNanos());
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ended = count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND event_type = 'CallEnded'", tenant);
        long events = count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1", tenant);
        long answered = count("SELECT count(*) FROM dialer_call WHERE tenant_id = $1 AND answered_at IS NOT NULL", tenant);
        samples.forEach(s -> System.out.println("BENCH sample " + s));
        System.out.printf(Locale.ROOT, "BENCH dialer: %d attempts (%d CallEnded, %d answered, %d events) final events published in %.2f s "
                        + "= %.0f attempts/s; queue emptied after %.2f s = %.0f attempts/s taken; first CallPlaced after %.2f s; "
                        + "ingest of %d DialRequested %.2f s = %.0f/s; time factor %s%n",
                n, ended, answered, events, seconds, n / seconds, (allPlacedNanos - start) / 1e9, n / ((allPlacedNanos - start) / 1e9),
                (firstPlacedNanos - start) / 1e9, n, ingestSeconds, n / ingestSeconds, System.getProperty("waihu.bench.time-factor", "600"));
        assertThat(count("SELECT count(*) FROM (SELECT attempt_id FROM dialer_call WHERE tenant_id = $1 GROUP BY attempt_id HAVING count(*) > 1) d",
                tenant)).isZero();
    }
}
