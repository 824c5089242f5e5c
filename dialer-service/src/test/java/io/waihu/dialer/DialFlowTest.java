package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Money;
import io.waihu.events.NumberType;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
import io.waihu.events.campaign.SuppressionAdded;
import io.waihu.events.dialer.CallAnswered;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.events.dialer.CallRinging;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.DropReason;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dialer's part of the loop through the real broker and database: tariffs, a campaign and dial requests go in;
 * call events (or drops) come out on dialer.call-events.v1, from the outbox.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class DialFlowTest {

    @Inject
    Pool pool;

    static final String CAMPAIGN = "camp-flow";

    String tenant;

    static DialPolicy allWeek() {
        List<CallingWindow> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(new CallingWindow(d, 0, 1440));
        }
        return new DialPolicy(3, "+861012345678", windows, List.of(), 300, AbandonWindow.ROLLING_30_DAYS, "Asia/Shanghai", 72, null, null);
    }

    static TariffPublished tariff(String tenant, String carrierId, String cost, int weight) {
        return TariffPublished.of(tenant, null, carrierId, carrierId + " Ltd", "deck-" + carrierId, 1, "CNY",
                Instant.now().minus(1, ChronoUnit.HOURS), null, 60,
                List.of(new RouteEntry("86", DestinationClass.INTERNATIONAL, Money.of("0.90", "CNY")),
                        new RouteEntry("8613", DestinationClass.MOBILE, Money.of(cost, "CNY"))), weight);
    }

    @BeforeEach
    void campaignWithTwoCarriers() {
        tenant = "tenant-" + UUID.randomUUID();
        // the expensive one has the higher weight: cost must win over weight
        KafkaProbe.publish(Topics.TARIFF_EVENTS, tariff(tenant, "carrier-dear", "0.5000", 9), "billing-service");
        KafkaProbe.publish(Topics.TARIFF_EVENTS, tariff(tenant, "carrier-cheap", "0.1200", 1), "billing-service");
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, null, CAMPAIGN, "Flow", DialMode.AGENTLESS, "CN",
                Money.of("1000.00", "CNY"), List.of(), null, allWeek(), List.of(80, 100)), "campaign-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                .queryParam("number", "+8613800138000").queryParam("campaignId", CAMPAIGN)
                .when().get("/api/v1/routes").then().statusCode(200)
                .body("ranking.options.size()", equalTo(2))
                .body("ranking.options[0].carrierId", equalTo("carrier-cheap"))
                .body("ranking.options[0].prefix", equalTo("8613")));
    }

    static List<CallEvent> eventsOf(String attemptId, int atLeast, Duration timeout) {
        List<ConsumerRecord<String, String>> records = KafkaProbe.awaitRecords(Topics.CALL_EVENTS,
                r -> r.value().contains("\"attemptId\":\"" + attemptId + "\""), atLeast, timeout);
        return records.stream().map(r -> EventJson.read(r.value(), CallEvent.class)).toList();
    }

    @Test
    void requestBecomesACallOnTheCheaperCarrier() {
        String attempt = "att-" + UUID.randomUUID();
        // with the hopper's reading of the number, which the CallEnded must carry on to billing
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, CAMPAIGN, attempt, "contact-1", "+8613800138000",
                List.of("Asia/Shanghai"), Instant.now().plus(10, ChronoUnit.MINUTES), 1, 0)
                .withNumberReading(NumberType.MOBILE, "China Mobile"), "campaign-service");

        List<CallEvent> events = new ArrayList<>(eventsOf(attempt, 1, Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            events.clear();
            events.addAll(eventsOf(attempt, 1, Duration.ofSeconds(2)));
            return events.stream().anyMatch(e -> e instanceof CallEnded);
        });
        CallPlaced placed = (CallPlaced) events.stream().filter(e -> e instanceof CallPlaced).findFirst().orElseThrow();
        CallEnded ended = (CallEnded) events.stream().filter(e -> e instanceof CallEnded).findFirst().orElseThrow();
        assertThat(placed.carrierId()).isEqualTo("carrier-cheap");
        assertThat(placed.callerId()).isEqualTo("+861012345678");
        assertThat(placed.tenantId()).isEqualTo(tenant);
        assertThat(ended.callId()).isEqualTo(placed.callId());
        assertThat(ended.carrierId()).isEqualTo("carrier-cheap");
        assertThat(ended.contactId()).isEqualTo("contact-1");
        assertThat(ended.calleeZone()).isEqualTo("Asia/Shanghai");
        assertThat(ended.numberType()).isEqualTo(NumberType.MOBILE);
        assertThat(ended.rangeCarrier()).isEqualTo("China Mobile");
        assertThat(ended.setupAt()).isEqualTo(placed.placedAt());
        assertThat(events.stream().filter(e -> e instanceof CallPlaced)).hasSize(1);
        assertThat(events.stream().filter(e -> e instanceof CallEnded)).hasSize(1);
        if (ended.answeredAt() != null) {
            long nanos = Duration.between(ended.answeredAt(), ended.endedAt()).toNanos();
            assertThat(ended.billableSeconds()).isEqualTo((nanos + 999_999_999L) / 1_000_000_000L);
            assertThat(events).anyMatch(e -> e instanceof CallAnswered);
        } else {
            assertThat(ended.billableSeconds()).isZero();
        }
        if (ended.ringingAt() != null) {
            assertThat(events).anyMatch(e -> e instanceof CallRinging);
        }
        // the order of one call's events holds on its partition
        List<String> types = events.stream().map(CallEvent::type).toList();
        assertThat(types.get(0)).isEqualTo(CallPlaced.TYPE);
        assertThat(types.get(types.size() - 1)).isEqualTo(CallEnded.TYPE);
        given().header("Authorization", TestTokens.bearer(tenant, "supervisor")).when().get("/api/v1/dialer/campaigns/" + CAMPAIGN + "/pacing")
                .then().statusCode(200).body("pacer", equalTo("agentless")).body("status", equalTo("RUNNING"));
    }

    @Test
    void passedDeadlineIsDropped() {
        String attempt = "att-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, CAMPAIGN, attempt, "contact-2", "+8613800138001",
                List.of("Asia/Shanghai"), Instant.now().minusSeconds(5), 1, 0), "campaign-service");
        List<CallEvent> events = eventsOf(attempt, 1, Duration.ofSeconds(60));
        assertThat(events).hasSize(1);
        DialDropped dropped = (DialDropped) events.get(0);
        assertThat(dropped.reason()).isEqualTo(DropReason.DEADLINE_PASSED);
        assertThat(dropped.contactId()).isEqualTo("contact-2");
    }

    @Test
    void suppressedNumberIsDropped() {
        String entryId = "dnc-" + UUID.randomUUID();
        KafkaProbe.publish(Topics.SUPPRESSION_EVENTS, SuppressionAdded.of(tenant, null, entryId, null, "86139", true,
                null, "API"), "campaign-service");
        // the request goes out only once the dialer's copy holds the entry (its consumer may still be joining the group)
        String attempt = "att-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                        "SELECT count(*) FROM suppression_entry WHERE tenant_id = $1 AND entry_id = $2")
                .execute(Tuple.of(tenant, entryId)).await().indefinitely().iterator().next().getLong(0) == 1);
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, CAMPAIGN, attempt, "contact-3", "+8613912345678",
                List.of("Asia/Shanghai"), Instant.now().plus(10, ChronoUnit.MINUTES), 1, 0), "campaign-service");
        List<CallEvent> events = eventsOf(attempt, 1, Duration.ofSeconds(60));
        assertThat(events).hasSize(1);
        DialDropped dropped = (DialDropped) events.get(0);
        assertThat(dropped.reason()).isEqualTo(DropReason.SUPPRESSED);
        assertThat(dropped.detail()).contains("86139");
    }

    @Test
    void duplicateRequestMakesOneCall() {
        String attempt = "att-" + UUID.randomUUID();
        Instant deadline = Instant.now().plus(10, ChronoUnit.MINUTES);
        DialRequested first = DialRequested.of(tenant, null, CAMPAIGN, attempt, "contact-4", "+8613800138004", List.of("Asia/Shanghai"),
                deadline, 1, 0);
        KafkaProbe.publish(Topics.DIAL_REQUESTS, first, "campaign-service");
        KafkaProbe.publish(Topics.DIAL_REQUESTS, first, "campaign-service"); // redelivery: same event id
        // the same attempt under a new event id (campaign-service re-sent it)
        KafkaProbe.publish(Topics.DIAL_REQUESTS, DialRequested.of(tenant, null, CAMPAIGN, attempt, "contact-4", "+8613800138004",
                List.of("Asia/Shanghai"), deadline, 1, 0), "campaign-service");
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(attempt, 1, Duration.ofSeconds(2)).stream().anyMatch(e -> e instanceof CallEnded));
        // late copies get a few more ticks to do harm
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<CallEvent> events = eventsOf(attempt, 1000, Duration.ofSeconds(3));
        assertThat(events.stream().filter(e -> e instanceof CallPlaced)).hasSize(1);
        assertThat(events.stream().filter(e -> e instanceof CallEnded)).hasSize(1);
        assertThat(events.stream().filter(e -> e instanceof DialDropped)).isEmpty();
        // a request without a reading (an older campaign-service) ends without one: billing reads the number itself
        CallEnded ended = (CallEnded) events.stream().filter(e -> e instanceof CallEnded).findFirst().orElseThrow();
        assertThat(ended.numberType()).isNull();
        assertThat(ended.rangeCarrier()).isNull();
    }

    @Test
    void routesExplainAndRejectWhatIsNotANumber() {
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).queryParam("number", "+8613800138000")
                .when().get("/api/v1/routes").then().statusCode(200)
                .body("ranking.comparedCurrency", equalTo("CNY"))
                .body("ranking.options[1].carrierId", equalTo("carrier-dear"))
                .body("ranking.options[1].typicalCallCost.amount", equalTo("0.5000"));
        given().header("Authorization", TestTokens.bearer(tenant, "integrator")).queryParam("number", "not-a-number")
                .when().get("/api/v1/routes").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer(tenant, "agent")).queryParam("number", "+8613800138000")
                .when().get("/api/v1/routes").then().statusCode(403);
    }

    @Test
    void malformedSuppressionAndTariffEventsGoToTheDialersDlqs() {
        // each a known type of its topic with its required fields missing
        java.util.Map<String, String> bad = java.util.Map.of(Topics.SUPPRESSION_EVENTS, "{\"type\":\"SuppressionAdded\",\"entryId\":\"%s\"}",
                Topics.TARIFF_EVENTS, "{\"type\":\"TariffPublished\",\"carrierId\":\"%s\"}",
                Topics.DIAL_REQUESTS, "{\"type\":\"DialRequested\",\"campaignId\":\"%s\"}");
        for (String topic : bad.keySet()) {
            String key = "bad-" + UUID.randomUUID();
            KafkaProbe.send(topic, key, String.format(bad.get(topic), key), java.util.Map.of());
            List<ConsumerRecord<String, String>> dead = KafkaProbe.awaitRecords(Topics.dlq(topic, "dialer-service"),
                    r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(dead).as(topic).hasSize(1);
        }
    }
}
