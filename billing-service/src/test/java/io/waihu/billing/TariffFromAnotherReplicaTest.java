package io.waihu.billing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.billing.repository.TariffRepository;
import io.waihu.billing.service.CallDetailRecordService;
import io.waihu.billing.service.TariffBook;
import io.waihu.events.Topics;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.EventJson;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.waihu.billing.BillingApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two billing replicas share the database, each with its own TariffBook. A version stored, or withdrawn, by the other
 * replica a moment before a call ended must price that call here, although this replica read the carrier's versions
 * less than the refresh (5 s) ago. The other replica is played by SQL on the shared tables: nothing tells this
 * replica's book, as nothing would in production.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class TariffFromAnotherReplicaTest {

    /** National numbers at ten times version 1's rates. */
    private static final String DEARER = BillingApi.DECK_CSV.replace(",0.06,", ",0.60,").replace(",0.03,", ",0.30,");

    @Inject
    Pool pool;

    @Inject
    TariffBook book;

    @Inject
    CallDetailRecordService records;

    @Inject
    TariffRepository tariffRows;

    private static CallEnded call(String tenant, String carrierId, Instant answered) {
        String callId = "call-" + UUID.randomUUID();
        return CallEnded.of(tenant, answered.plusSeconds(30), callId, "camp-replica", "attempt-" + callId, "contact-1",
                "+861088881234", carrierId, "agent-1", CallDisposition.ANSWERED_HUMAN, answered.minusSeconds(8),
                answered.minusSeconds(5), answered, answered.plusSeconds(30), 30, false, null, "Asia/Shanghai");
    }

    private record Carrier(String tenant, String carrierId, String tariffId) {
    }

    /** A carrier of a new tenant whose tariff has version 1, uploaded here. */
    private static Carrier carrierWithVersionOne(String code) {
        String tenant = unique("t");
        String carrierId = BillingApi.carrier(tenant, code, 1);
        String tariffId = BillingApi.tariff(tenant, carrierId);
        BillingApi.uploadCsv(tenant, tariffId, BillingApi.DECK_CSV);
        return new Carrier(tenant, carrierId, tariffId);
    }

    /** How many versions this replica's book holds for the carrier after reading it (now). */
    private int versionsReadHere(Carrier c) {
        return book.forCarrier(c.tenant(), c.carrierId(), Instant.now()).await().atMost(Duration.ofSeconds(10)).orElseThrow().versions().size();
    }

    /** What the other replica's upload writes: a copy of version 1 with another deck, from {@code from}. */
    private void storeElsewhere(Carrier c, int version, Instant from, String deck) {
        pool.preparedQuery("INSERT INTO tariff_version (tenant_id, tariff_id, version, effective_from, bands, holidays, deck_csv, "
                        + "destination_count, row_count) SELECT tenant_id, tariff_id, $3, $4, bands, holidays, $5, destination_count, "
                        + "row_count FROM tariff_version WHERE tenant_id = $1 AND tariff_id = $2 AND version = 1")
                .execute(Tuple.of(c.tenant(), UUID.fromString(c.tariffId()), version, from.atOffset(java.time.ZoneOffset.UTC), deck))
                .await().atMost(Duration.ofSeconds(10));
    }

    /** Rates a call of the carrier answered at {@code answered} here, as the pipeline does; the version that priced it. */
    private int pricedByVersion(Carrier c, Instant answered) {
        CallEnded call = call(c.tenant(), c.carrierId(), answered);
        records.recordAll(List.of(call)).await().atMost(Duration.ofSeconds(30));
        return given().header("Authorization", TestTokens.bearer(c.tenant(), "admin"))
                .when().get("/api/v1/call-records/" + call.callId())
                .then().statusCode(200).extract().path("tariffVersion");
    }

    @Test
    void aVersionStoredOnAnotherReplicaPricesACallThatEndedAfterIt() {
        Carrier c = carrierWithVersionOne("replica");
        // this replica reads the carrier's versions now: version 1 only
        assertThat(versionsReadHere(c)).isEqualTo(1);

        // the other replica stores version 2, in force at once; a call is answered after it and ends
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        storeElsewhere(c, 2, now, DEARER);
        assertThat(pricedByVersion(c, now.plusMillis(5))).isEqualTo(2);
    }

    @Test
    void aVersionWithdrawnOnAnotherReplicaPricesNothingHere() {
        Carrier c = carrierWithVersionOne("withdrawn");
        Instant due = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        storeElsewhere(c, 2, due, DEARER);
        // this replica reads both versions; the other one then withdraws the pending version 2
        assertThat(versionsReadHere(c)).isEqualTo(2);
        pool.preparedQuery("DELETE FROM tariff_version WHERE tenant_id = $1 AND tariff_id = $2 AND version = 2")
                .execute(Tuple.of(c.tenant(), UUID.fromString(c.tariffId()))).await().atMost(Duration.ofSeconds(10));

        // a call of the hour after: version 1 prices it, as the database says
        assertThat(pricedByVersion(c, due.plusSeconds(60))).isEqualTo(1);
    }

    @Test
    void aVersionWithdrawnOnAnotherReplicaIsAnnouncedHereWithoutItsEnd() {
        Carrier c = carrierWithVersionOne("announced");
        Instant v2From = Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);
        storeElsewhere(c, 2, v2From, DEARER);
        assertThat(announced(c, 1)).extracting(TariffPublished::tariffVersion).containsExactly(1);
        // this replica reads both versions; the other one withdraws version 2 and asks for version 1 to be announced
        // again, in one transaction, as its TariffService does
        assertThat(versionsReadHere(c)).isEqualTo(2);
        pool.withTransaction(conn -> tariffRows.deletePendingVersion(conn, c.tenant(), UUID.fromString(c.tariffId()), 2, Instant.now())
                        .call(() -> tariffRows.reannounceInForce(conn, c.tenant(), UUID.fromString(c.carrierId()), Instant.now())))
                .await().atMost(Duration.ofSeconds(10));

        // announced here again, with no end: a view ending at v2From would make the dialer drop the carrier then
        List<TariffPublished> views = announced(c, 2);
        assertThat(views).extracting(TariffPublished::tariffVersion).containsExactly(1, 1);
        assertThat(views.get(1).validUntil()).isNull();
    }

    private static List<TariffPublished> announced(Carrier c, int atLeast) {
        return KafkaProbe.awaitRecords(Topics.TARIFF_EVENTS, r -> c.carrierId().equals(r.key()), atLeast, Duration.ofSeconds(15)).stream()
                .map(r -> EventJson.read(r.value(), TariffPublished.class)).toList();
    }
}
