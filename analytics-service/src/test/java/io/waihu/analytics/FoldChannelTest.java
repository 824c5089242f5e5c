package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestInfrastructure;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The call, charge and outcome streams share one channel (FoldEventsConsumer): a poll holding a call's CallEnded,
 * CallCharged and OutcomeRecorded folds them in one transaction; a bad record of any stream still goes to its own
 * stream's dead-letter topic, alone, and the rest of the poll is folded exactly once.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class FoldChannelTest {

    static final int CALLS = 40;

    @Inject
    FoldCommits commits;

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50"); // the three topics' records leave in one request
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, WaihuEvent e, String service) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, e.aggregateId(), EventJson.write(e));
        CloudEvents.headersFor(e, service).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    private record Stream(Set<UUID> calls, Set<UUID> charges, Set<UUID> outcomes) {
    }

    /** CALLS answered calls of 0.25 CNY, each with its CallEnded, CallCharged and (every other call) a sale. */
    private static Stream publish(KafkaProducer<String, String> producer, String tenant, Instant hour) {
        Stream s = new Stream(new HashSet<>(), new HashSet<>(), new HashSet<>());
        for (int i = 0; i < CALLS; i++) {
            String callId = "fc-" + i;
            Instant setup = hour.plusSeconds(i * 10L);
            CallEnded ended = AnalyticsFlowTest.ended(tenant, callId, i % 2 == 0 ? "cm" : "ct", CallDisposition.ANSWERED_HUMAN,
                    setup, 1000L, 3000L, 63_000, 60, false);
            CallCharged charged = AnalyticsFlowTest.charged(tenant, callId, i % 2 == 0 ? "cm" : "ct", setup.plusSeconds(70),
                    "0.2500", DestinationClass.MOBILE, 60);
            send(producer, Topics.CALL_EVENTS, ended, "dialer-service");
            send(producer, Topics.CHARGE_EVENTS, charged, "billing-service");
            s.calls.add(ended.eventId());
            s.charges.add(charged.eventId());
            if (i % 2 == 0) {
                OutcomeRecorded sale = AnalyticsFlowTest.outcome(tenant, callId, setup.plusSeconds(90), true, true);
                send(producer, Topics.OUTCOME_EVENTS, sale, "campaign-service");
                s.outcomes.add(sale.eventId());
            }
        }
        return s;
    }

    private static void awaitOverview(String tenant, int attempts, int conversions, String cost) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                        .when().get("/api/v1/analytics/campaigns/" + AnalyticsFlowTest.CAMPAIGN + "/overview")
                        .then().statusCode(200)
                        .body("metrics.attempts", equalTo(attempts))
                        .body("metrics.connected", equalTo(attempts))
                        .body("metrics.conversions", equalTo(conversions))
                        .body("metrics.cost[0].amount", equalTo(cost)));
    }

    @Test
    void callsChargesAndOutcomesOfOnePollAreFoldedInOneTransaction() {
        // the consumer may poll between two records of one send; over three rounds some poll holds all three streams
        boolean together = false;
        for (int round = 0; round < 3 && !together; round++) {
            String tenant = "tenant-" + UUID.randomUUID();
            Stream s;
            try (KafkaProducer<String, String> producer = producer()) {
                s = publish(producer, tenant, Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2)));
                producer.flush();
            }
            // 40 x 0.25 = 10 CNY; a call counts once although three events of three topics changed it
            awaitOverview(tenant, CALLS, CALLS / 2, "10");
            together = commits.anyTransactionWithAll(List.of(s.calls(), s.charges(), s.outcomes()));
        }
        assertThat(together).as("some fold transaction committed a CallEnded, a CallCharged and an OutcomeRecorded together")
                .isTrue();
    }

    /**
     * Good events of the three streams with, in the same send, an unreadable call record, an unreadable outcome record
     * and a rerating its call refuses (a second currency): the two unreadable records go to their own streams'
     * dead-letter topics and the refused rerating to the charge stream's; everything else is folded once.
     */
    @Test
    void badRecordsOfAnyStreamAreDeadLetteredToTheirOwnTopicAndTheRestFolded() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        String badCall = "bad-call-" + UUID.randomUUID();
        String badOutcome = "bad-outcome-" + UUID.randomUUID();
        CallRerated refused = CallRerated.of(tenant, hour.plusSeconds(500), "fc-3", AnalyticsFlowTest.CAMPAIGN,
                Money.of("0.2500", "USD"), Money.of("0.2000", "USD"), Money.of("-0.0500", "USD"), 2, "fix");
        try (KafkaProducer<String, String> producer = producer()) {
            publish(producer, tenant, hour);
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, badCall, "{\"type\":\"CallEnded\",\"callId\":"));
            producer.send(new ProducerRecord<>(Topics.OUTCOME_EVENTS, badOutcome, "not json"));
            send(producer, Topics.CHARGE_EVENTS, refused, "billing-service");
            producer.flush();
        }
        List<ConsumerRecord<String, String>> deadCall = KafkaProbe.awaitRecords(Topics.dlq(Topics.CALL_EVENTS, "analytics-service"),
                r -> badCall.equals(r.key()), 1, Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> deadOutcome = KafkaProbe.awaitRecords(Topics.dlq(Topics.OUTCOME_EVENTS, "analytics-service"),
                r -> badOutcome.equals(r.key()), 1, Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> deadCharge = KafkaProbe.awaitRecords(Topics.dlq(Topics.CHARGE_EVENTS, "analytics-service"),
                r -> r.value().contains(refused.eventId().toString()), 1, Duration.ofSeconds(60));
        assertThat(deadCall).hasSize(1);
        assertThat(deadOutcome).hasSize(1);
        assertThat(deadCharge).hasSize(1);
        assertThat(KafkaProbe.header(deadCharge.get(0), Topics.DLQ_REASON_HEADER)).contains("costed in CNY, not USD");
        awaitOverview(tenant, CALLS, CALLS / 2, "10");
    }
}
