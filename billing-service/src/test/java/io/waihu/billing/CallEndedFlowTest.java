package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Topics;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.CloudEvents;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.messaging.CallEventsConsumer;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.TestInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * CallEnded goes through the real broker into billing's real database, once, and poison goes to the DLQ. Billing
 * consumes a poll at a time, so the batch cases are here too: a bad record in the middle of a poll is dead-lettered
 * alone and the rest of the poll is recorded, exactly once per call.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CallEndedFlowTest {

    private static CallEnded ended(String tenant, String callId, String campaignId) {
        Instant setup = Instant.parse("2026-11-26T02:00:00Z");
        return CallEnded.of(tenant, setup.plusSeconds(100), callId, campaignId, "attempt-1", "contact-1", "+8613800138000",
                "carrier-cm", "agent-7", CallDisposition.ANSWERED_HUMAN, setup, setup.plusSeconds(3),
                setup.plusSeconds(10), setup.plusSeconds(100), 90, false, null, "Asia/Shanghai");
    }

    private static int recordsOf(String tenant, String campaignId) {
        return given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("campaignId", campaignId)
                .when().get("/api/v1/call-records")
                .then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void callEndedBecomesOneCallRecordEvenWhenDelivered3Times() {
        String tenant = "tenant-" + UUID.randomUUID();
        String callId = "call-" + UUID.randomUUID();
        CallEnded event = ended(tenant, callId, "camp-1");
        KafkaProbe.publish(Topics.CALL_EVENTS, event, "dialer-service");
        KafkaProbe.publish(Topics.CALL_EVENTS, event, "dialer-service");          // redelivery of the same event
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, "camp-1"), "dialer-service"); // same call, new event id

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "admin"))
                        .when().get("/api/v1/call-records/" + callId)
                        .then().statusCode(200)
                        .body("billableSeconds", equalTo(90))
                        .body("disposition", equalTo("ANSWERED_HUMAN"))
                        .body("carrierId", equalTo("carrier-cm"))
                        .body("ratingStatus", equalTo("UNRATED"))
                        .body("unratedReason", equalTo("NO_TARIFF")));
        // a marker published after the duplicates: once it is stored, the duplicates have been consumed too
        String marker = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, marker, "camp-1"), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(tenant, "camp-1") == 2);
        assertThat(recordsOf(tenant, "camp-1")).isEqualTo(2);
        // another tenant sees none of it
        assertThat(recordsOf("someone-else", "camp-1")).isZero();
    }

    @Test
    void malformedEventGoesToTheDlqWithAReasonAndConsumptionGoesOn() {
        String tenant = "tenant-" + UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CALL_EVENTS, poisonKey, "{\"type\":\"CallEnded\",\"callId\":\"" + poisonKey
                + "\",\"billableSeconds\":\"abc\"}", Map.of(CloudEvents.TYPE, "io.waihu.CallEnded.v1"));
        KafkaProbe.send(Topics.CALL_EVENTS, poisonKey + "-2", "not json at all", Map.of());

        String dlq = Topics.dlq(Topics.CALL_EVENTS, "billing-service");
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(dlq,
                r -> r.key() != null && r.key().startsWith(poisonKey), 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        ConsumerRecord<String, String> first = dead.stream().filter(r -> r.key().equals(poisonKey)).findFirst().orElseThrow();
        assertThat(KafkaProbe.header(first, Topics.DLQ_REASON_HEADER)).contains("billableSeconds");

        String callId = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, "camp-2"), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(tenant, "camp-2") == 1);
    }

    @Test
    void anEventTypeAddedLaterToTheTopicIsSkippedNotDeadLettered() {
        String tenant = "tenant-" + UUID.randomUUID();
        String futureKey = "future-" + UUID.randomUUID();
        KafkaProbe.send(Topics.CALL_EVENTS, futureKey, "{\"type\":\"CallTransferred\",\"callId\":\"" + futureKey
                + "\",\"tenantId\":\"" + tenant + "\"}", Map.of());
        String callId = "call-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.CALL_EVENTS, ended(tenant, callId, "camp-3"), "dialer-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(tenant, "camp-3") == 1);
        assertThat(KafkaProbe.awaitRecords(Topics.dlq(Topics.CALL_EVENTS, "billing-service"),
                r -> futureKey.equals(r.key()), 1, Duration.ofSeconds(3))).isEmpty();
    }

    private static final String DLQ = Topics.dlq(Topics.CALL_EVENTS, "billing-service");

    @Inject
    CallEventsConsumer consumer;

    @Inject
    Pool pool;

    /** A call with a priced tariff, answered away from a band edge so that it is rated. */
    private static CallEnded pricedCall(String tenant, String callId, String carrier, long seconds) {
        Instant answered = BillingApi.awayFromBandEdges(Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS));
        return CallEnded.of(tenant, answered.plusSeconds(seconds), callId, "camp-b", "attempt-" + callId, "contact-1",
                "+8613800138000", carrier, null, CallDisposition.ANSWERED_HUMAN, answered.minusSeconds(8),
                answered.minusSeconds(6), answered, answered.plusSeconds(seconds), seconds, false, null, "Asia/Shanghai");
    }

    /** What the contract lets through but billing cannot store: a NUL in a text field. */
    private static CallEnded refusedCall(String tenant, String callId, String carrier) {
        CallEnded ok = pricedCall(tenant, callId, carrier, 30);
        return CallEnded.of(tenant, ok.occurredAt(), callId, "camp-\u0000b", ok.attemptId(), ok.contactId(), ok.number(), carrier,
                null, ok.disposition(), ok.setupAt(), ok.ringingAt(), ok.answeredAt(), ok.endedAt(), 30, false, null, null);
    }

    private static ProducerRecord<String, String> recordOf(CallEnded event) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.CALL_EVENTS, event.aggregateId(), EventJson.write(event));
        CloudEvents.headersFor(event, "dialer-service").forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** The mixed poll of both batch tests, in order; the malformed record is in the middle. */
    private record MixedPoll(List<ProducerRecord<String, String>> records, String first, String second, String unrated,
                             String refused, String poisonKey, long firstSeconds) {
    }

    private static MixedPoll mixedPoll(String tenant) {
        String priced = BillingApi.pricedCarrier(tenant, "cm", 1, BillingApi.DECK_CSV);
        String bare = BillingApi.carrier(tenant, "bare", 1);
        String first = "call-" + UUID.randomUUID();
        String second = "call-" + UUID.randomUUID();
        String unrated = "call-" + UUID.randomUUID();
        String refused = "call-" + UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        CallEnded firstEvent = pricedCall(tenant, first, priced, 95);
        ProducerRecord<String, String> malformed = new ProducerRecord<>(Topics.CALL_EVENTS, poisonKey,
                "{\"type\":\"CallEnded\",\"callId\":\"" + poisonKey + "\",\"billableSeconds\":\"abc\"}");
        malformed.headers().add(CloudEvents.TYPE, "io.waihu.CallEnded.v1".getBytes(StandardCharsets.UTF_8));
        List<ProducerRecord<String, String>> records = List.of(
                recordOf(firstEvent),
                recordOf(pricedCall(tenant, second, priced, 30)),
                malformed,
                recordOf(firstEvent),                                   // the same event again
                recordOf(pricedCall(tenant, first, priced, 600)),      // the same call under another event id
                recordOf(refusedCall(tenant, refused, priced)),
                recordOf(pricedCall(tenant, unrated, bare, 40)));
        return new MixedPoll(records, first, second, unrated, refused, poisonKey, 95);
    }

    /** The outbox rows billing wrote for these calls, by call: what the relay publishes, without waiting for it. */
    private Map<String, List<String>> outboxTypes(List<String> callIds) {
        Map<String, List<String>> byCall = new java.util.HashMap<>();
        pool.preparedQuery("SELECT record_key, event_type FROM outbox_event WHERE topic = $1 AND record_key = ANY($2) ORDER BY id")
                .execute(Tuple.of(Topics.CHARGE_EVENTS, callIds.toArray(String[]::new))).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> byCall.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row.getString(1)));
        return byCall;
    }

    private void assertRecordedOnce(String tenant, MixedPoll poll) {
        assertThat(recordsOf(tenant, "camp-b")).as("first, second and the unrated call").isEqualTo(3);
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/call-records/" + poll.first())
                .then().statusCode(200).body("ratingStatus", equalTo("RATED"))
                .body("billableSeconds", equalTo((int) poll.firstSeconds())); // the first event of the call, not the 600 s one
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/call-records/" + poll.unrated())
                .then().statusCode(200).body("ratingStatus", equalTo("UNRATED")).body("unratedReason", equalTo("NO_TARIFF"));
        given().header("Authorization", TestTokens.bearer(tenant, "admin")).when().get("/api/v1/call-records/" + poll.refused())
                .then().statusCode(404);
        assertThat(outboxTypes(List.of(poll.first(), poll.second(), poll.unrated(), poll.refused())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(poll.first(), List.of("CallCharged"), poll.second(), List.of("CallCharged"),
                        poll.unrated(), List.of("CallUnrated")));
    }

    private static void assertDeadLettered(MixedPoll poll, int times) {
        List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(DLQ,
                r -> poll.poisonKey().equals(r.key()) || poll.refused().equals(r.key()), 2 * times, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2 * times);
        ConsumerRecord<String, String> malformed = dead.stream().filter(r -> r.key().equals(poll.poisonKey())).findFirst().orElseThrow();
        assertThat(KafkaProbe.header(malformed, Topics.DLQ_REASON_HEADER)).contains("billableSeconds");
        assertThat(KafkaProbe.header(malformed, "dead-letter-topic")).isEqualTo(Topics.CALL_EVENTS);
        ConsumerRecord<String, String> refused = dead.stream().filter(r -> r.key().equals(poll.refused())).findFirst().orElseThrow();
        assertThat(KafkaProbe.header(refused, Topics.DLQ_REASON_HEADER)).contains("campaignId contains a NUL character");
        assertThat(refused.value()).as("the record as it came").contains(poll.refused());
    }

    @Test
    void aMixedPollIsRecordedOnceAndOnlyItsBadRecordsAreDeadLettered() {
        String tenant = "tenant-" + UUID.randomUUID();
        MixedPoll poll = mixedPoll(tenant);
        // one poll, exactly as the connector hands it over
        TopicPartition partition = new TopicPartition(Topics.CALL_EVENTS, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = 1_000_000;
        for (ProducerRecord<String, String> r : poll.records()) {
            records.add(new ConsumerRecord<>(r.topic(), 0, offset++, 0L, TimestampType.CREATE_TIME, -1, -1, r.key(), r.value(),
                    r.headers(), Optional.empty()));
        }
        ConsumerRecords<String, String> batch = new ConsumerRecords<>(Map.of(partition, records));
        consumer.consume(batch).await().atMost(Duration.ofSeconds(60));

        assertRecordedOnce(tenant, poll);
        assertDeadLettered(poll, 1);
        ConsumerRecord<String, String> malformed = KafkaProbe.awaitRecords(DLQ, r -> poll.poisonKey().equals(r.key()), 1,
                Duration.ofSeconds(10)).get(0);
        assertThat(KafkaProbe.header(malformed, "dead-letter-offset")).isEqualTo("1000002");

        // the whole poll redelivered (a crash before the offset commit): nothing changes, the bad ones go to the DLQ again
        consumer.consume(batch).await().atMost(Duration.ofSeconds(60));
        assertRecordedOnce(tenant, poll);
        assertDeadLettered(poll, 2);
    }

    @Test
    void aMixedBurstThroughTheBrokerIsRecordedOnceAndEachCallChargedOnce() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        MixedPoll poll = mixedPoll(tenant);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            // one partition and one flush, so the records arrive together as they would in a busy poll
            for (ProducerRecord<String, String> r : poll.records()) {
                producer.send(new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(tenant, "camp-b") == 3);
        assertDeadLettered(poll, 1);
        assertRecordedOnce(tenant, poll);

        Set<String> calls = Set.of(poll.first(), poll.second(), poll.unrated(), poll.refused());
        List<ConsumerRecord<String, String>> charges = KafkaProbe.awaitRecords(Topics.CHARGE_EVENTS, r -> calls.contains(r.key()), 4,
                Duration.ofSeconds(8)); // 3 expected: the wait for a 4th proves there is none
        assertThat(charges).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(poll.first(), poll.second(), poll.unrated());
        CallCharged first = charges.stream().filter(r -> r.key().equals(poll.first())).map(r -> EventJson.read(r.value(), CallCharged.class))
                .findFirst().orElseThrow();
        assertThat(first.billedSeconds()).as("rated from the first event of the call").isEqualTo(96);
    }
}
