package io.waihu.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.infra.DevTokenIssuer;
import io.waihu.localstack.demo.Api;
import io.waihu.localstack.demo.DemoContacts;
import io.waihu.localstack.demo.Scenario;
import io.waihu.localstack.demo.Summary;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole loop across the four services, each running as it does in production (a separate application started by
 * {@code ./waihu up} with embedded Kafka and PostgreSQL). A small campaign runs as an integrator runs one: REST with a
 * token, contacts published as a CRM publishes them. Then: every placed call is rated exactly once, billing's total is
 * the sum of the same calls re-quoted one by one, analytics agrees with billing to the cent, no call was placed outside
 * its window or to a suppressed number, and the campaign completed by itself.
 */
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KAFKA = "127.0.0.1:19092";

    @TempDir
    Path dataDir;

    private WaihuProcess stack;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aCampaignRunsEndToEndAndEveryFigureAgrees() throws Exception {
        WaihuProcess.assertPortsFree("before the end-to-end test");
        // simulated callees on a clock 60 times faster: a 90 s conversation takes 1.5 s
        stack = WaihuProcess.up(dataDir, Map.of("WAIHU_SIMULATOR_TIME_FACTOR", "60"));
        stack.awaitReady();

        String tenant = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String token = DevTokenIssuer.loadOrCreate(dataDir.resolve("keys")).issue(tenant, "integrator@" + tenant,
                Set.of("admin", "integrator"), Duration.ofHours(1));
        Scenario.Result result = new Scenario(new Api(token), KAFKA, new Scenario.Options(tenant, 240, 5, 7L, true,
                Scenario.CallingHours.AROUND_BEIJING_NOW, Duration.ofMinutes(3), false,
                line -> System.out.println("[e2e] " + line))).run();
        System.out.println(Summary.of(result));

        assertEquals("COMPLETED", result.campaignStatus(), "the campaign should complete by itself (its end date)");

        Map<String, JsonNode> placed = new HashMap<>();
        Map<String, Integer> ended = new HashMap<>();
        for (JsonNode event : events("dialer.call-events.v1", tenant)) {
            switch (event.path("type").asText()) {
                case "CallPlaced" -> {
                    if (placed.put(event.path("callId").asText(), event) != null) {
                        fail("CallPlaced twice for " + event.path("callId").asText());
                    }
                }
                case "CallEnded" -> ended.merge(event.path("callId").asText(), 1, Integer::sum);
                default -> { }
            }
        }
        assertTrue(placed.size() >= 20, "too few calls to prove anything: " + placed.size());
        assertEquals(placed.keySet(), ended.keySet(), "every placed call ends, and only placed calls end");

        // every placed call is rated exactly once: one record and one charge event per call
        Map<String, Long> recordsPerCall = result.callRecords().stream()
                .collect(Collectors.groupingBy(r -> r.path("callId").asText(), Collectors.counting()));
        assertEquals(placed.keySet(), recordsPerCall.keySet(), "billing's records are the placed calls");
        assertTrue(recordsPerCall.values().stream().allMatch(n -> n == 1), "a call has two records: " + recordsPerCall);
        Map<String, Integer> chargesPerCall = new HashMap<>();
        for (JsonNode charge : events("billing.charge-events.v1", tenant)) {
            if (Set.of("CallCharged", "CallUnrated").contains(charge.path("type").asText())) {
                chargesPerCall.merge(charge.path("callId").asText(), 1, Integer::sum);
            }
        }
        assertEquals(placed.keySet(), chargesPerCall.keySet(), "one charge event per placed call");
        assertTrue(chargesPerCall.values().stream().allMatch(n -> n == 1), "a call was charged twice: " + chargesPerCall);
        assertTrue(result.callRecords().stream().allMatch(r -> "RATED".equals(r.path("ratingStatus").asText())),
                "every call has a tariff that prices it");
        assertTrue(result.totalCost().signum() > 0, "answered calls cost money");

        // billing's total is the sum of the same calls re-quoted one by one; analytics agrees to the cent
        assertEquals(0, result.totalCost().compareTo(result.requotedTotal()),
                "billing " + result.totalCost() + " vs re-quoted " + result.requotedTotal());
        BigDecimal analytics = Scenario.analyticsTotal(result.analyticsOverview());
        assertNotNull(analytics, "analytics shows no CNY total: " + result.analyticsOverview());
        assertEquals(0, result.totalCost().compareTo(analytics), "billing " + result.totalCost() + " vs analytics " + analytics);

        // no call outside its window, none to a suppressed number
        Map<String, DemoContacts.GeneratedContact> byNumber = result.contacts().stream().filter(c -> !c.invalid())
                .collect(Collectors.toMap(DemoContacts.GeneratedContact::number, c -> c, (a, b) -> a));
        Set<String> suppressed = result.contacts().stream().filter(DemoContacts.GeneratedContact::suppressed)
                .map(DemoContacts.GeneratedContact::number).collect(Collectors.toSet());
        List<String> violations = new ArrayList<>();
        for (JsonNode call : placed.values()) {
            String number = call.path("number").asText();
            Instant at = Instant.parse(call.path("placedAt").asText());
            DemoContacts.GeneratedContact contact = byNumber.get(number);
            if (contact == null) {
                violations.add(number + ": not a generated contact's number");
            } else if (!inWindow(result.callingWindows(), at.atZone(ZoneId.of(contact.zone())))) {
                violations.add(number + " at " + at.atZone(ZoneId.of(contact.zone())) + ": outside the calling windows");
            }
            if (suppressed.contains(number)) {
                violations.add(number + ": on the do-not-call list");
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
        Set<String> calledRegions = placed.values().stream().map(c -> byNumber.get(c.path("number").asText()).region())
                .collect(Collectors.toSet());
        assertTrue(calledRegions.stream().noneMatch(r -> Set.of("New York", "Los Angeles", "London", "Sydney").contains(r)),
                "numbers outside their window were called: " + calledRegions);

        stack.interruptAndAwaitExit();
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.killIfAlive();
        }
    }

    private static boolean inWindow(List<JsonNode> windows, ZonedDateTime local) {
        int minute = local.getHour() * 60 + local.getMinute();
        DayOfWeek day = local.getDayOfWeek();
        for (JsonNode w : windows) {
            int start = minutes(w.path("start").asText());
            int end = minutes(w.path("end").asText());
            if (DayOfWeek.valueOf(w.path("day").asText()) == day && minute >= start && minute < end) {
                return true;
            }
        }
        return false;
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    /** This tenant's events on a topic, from its beginning to its end now. */
    private static List<JsonNode> events(String topic, String tenant) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (tenant.equals(event.path("tenantId").asText())) {
                        events.add(event);
                    }
                }
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " to its end in 60 s");
                }
            }
        }
        return events;
    }
}
