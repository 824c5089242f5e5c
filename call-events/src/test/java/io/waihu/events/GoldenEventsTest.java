package io.waihu.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.ChargeSegment;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.analytics.SpendAnomaly;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.crm.PhoneType;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import io.waihu.events.wire.EventCatalog;
import io.waihu.events.wire.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden JSON per event: read, write back, and compare as trees. */
class GoldenEventsTest {

    static List<EventCatalog.Entry> entries() {
        return EventCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void goldenRoundTripsUnchanged(EventCatalog.Entry entry) throws IOException {
        String golden = Contract.goldenText(entry.type());

        WaihuEvent event = EventJson.read(golden, entry.eventClass());
        String written = EventJson.write(event);

        assertThat(Contract.JSON.readTree(written)).isEqualTo(Contract.JSON.readTree(golden));
        assertThat(EventJson.read(written, entry.eventClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void headerAndKeyComeFromTheGolden(EventCatalog.Entry entry) {
        JsonNode golden = Contract.golden(entry.type());

        WaihuEvent event = EventJson.read(golden.toString(), entry.eventClass());

        assertThat(event.eventId()).isEqualTo(UUID.fromString(golden.get("eventId").asText()));
        assertThat(event.type()).isEqualTo(entry.type()).isEqualTo(entry.eventClass().getSimpleName());
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(golden.get("occurredAt").asText()));
        assertThat(event.tenantId()).isEqualTo("acme-insurance");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.aggregateId()).isEqualTo(golden.get(entry.topicSpec().keyField()).asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void topicInterfacePicksTheRecordFromType(EventCatalog.Entry entry) {
        String golden = Contract.goldenText(entry.type());

        WaihuEvent viaTopic = EventJson.read(golden, entry.topicSpec().eventInterface());
        WaihuEvent viaAny = EventJson.readAny(golden);

        assertThat(viaTopic).isInstanceOf(entry.eventClass())
                .isEqualTo(EventJson.read(golden, entry.eventClass()))
                .isEqualTo(viaAny);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void typeIsWrittenExactlyOnce(EventCatalog.Entry entry) throws IOException {
        WaihuEvent event = EventJson.read(Contract.goldenText(entry.type()), entry.eventClass());

        int topLevelTypeFields = 0;
        try (JsonParser parser = Contract.JSON.createParser(EventJson.write(event))) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1 && "type".equals(parser.currentName())) {
                    topLevelTypeFields++;
                }
            }
        }
        assertThat(topLevelTypeFields).isEqualTo(1);
    }

    @Test
    void callEndedFields() {
        CallEvent event = EventJson.read(Contract.goldenText("CallEnded"), CallEvent.class);

        assertThat(event).isInstanceOf(CallEnded.class);
        CallEnded ended = (CallEnded) event;
        assertThat(ended.callId()).isEqualTo("call-5f1c9e2a");
        assertThat(ended.disposition()).isEqualTo(CallDisposition.ANSWERED_HUMAN);
        assertThat(ended.setupAt()).isEqualTo(Instant.parse("2026-03-02T09:15:00.120Z"));
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2026-03-02T09:18:37.500Z"));
        assertThat(ended.billableSeconds()).isEqualTo(209L);
        assertThat(ended.abandoned()).isFalse();
        assertThat(ended.calleeZone()).isEqualTo("Asia/Shanghai");
        assertThat(ended.numberType()).isEqualTo(NumberType.MOBILE);
        assertThat(ended.rangeCarrier()).isEqualTo("China Mobile");
    }

    @Test
    void eventsWrittenBeforeTheNumberReadingStillReadAndValidate() {
        // v1 events published before numberType/rangeCarrier existed: still valid, the reading is absent
        for (String type : List.of("CallEnded", "DialRequested")) {
            ObjectNode older = Contract.golden(type);
            older.remove("numberType");
            older.remove("rangeCarrier");

            assertThat(Contract.validate(type, older)).as(type).isEmpty();
            WaihuEvent event = EventJson.read(older.toString(), EventCatalog.require(type).eventClass());
            if (event instanceof CallEnded ended) {
                assertThat(ended.numberType()).isNull();
                assertThat(ended.rangeCarrier()).isNull();
            } else {
                assertThat(((DialRequested) event).numberType()).isNull();
                assertThat(((DialRequested) event).rangeCarrier()).isNull();
            }
        }
        ObjectNode unknownType = Contract.golden("CallEnded");
        unknownType.put("numberType", "SATELLITE");
        assertThat(Contract.validate("CallEnded", unknownType)).isNotEmpty();
    }

    @Test
    void callChargedKeepsExactMoneyAndItsBreakdown() {
        CallCharged charged = EventJson.read(Contract.goldenText("CallCharged"), CallCharged.class);

        assertThat(charged.cost()).isEqualTo(new Money(new BigDecimal("0.4860"), "CNY"));
        assertThat(charged.cost().amount().scale()).isEqualTo(4);
        assertThat(charged.destinationClass()).isEqualTo(DestinationClass.MOBILE);
        ChargeSegment segment = charged.breakdown().segments().get(0);
        assertThat(segment.secondsBilled()).isEqualTo(240L);
        assertThat(segment.rate().amount()).isEqualByComparingTo("0.12");
        Money subtotal = charged.breakdown().connectFee().plus(segment.amount());
        assertThat(subtotal.sameValueAs(charged.breakdown().adjustments().get(0).before())).isTrue();
        assertThat(charged.breakdown().adjustments().get(0).after()).isEqualTo(charged.cost());
    }

    @Test
    void contactUpsertedNestedValues() {
        ContactUpserted contact = EventJson.read(Contract.goldenText("ContactUpserted"), ContactUpserted.class);

        assertThat(contact.aggregateId()).isEqualTo("crm-contact-88412");
        assertThat(contact.phones()).extracting(phone -> phone.type()).containsExactly(PhoneType.MOBILE, PhoneType.WORK);
        assertThat(contact.attributes()).containsExactly(Map.entry("policyNumber", "PN-2291-0045"), Map.entry("segment", "gold"));
        assertThat(contact.consent().grantedAt()).isEqualTo(Instant.parse("2026-01-15T08:30:00Z"));
    }

    @Test
    void tariffRoutesAndAnomalyScore() {
        TariffPublished tariff = EventJson.read(Contract.goldenText("TariffPublished"), TariffPublished.class);
        SpendAnomaly anomaly = EventJson.read(Contract.goldenText("SpendAnomaly"), SpendAnomaly.class);

        assertThat(tariff.routes()).extracting(route -> route.prefix()).containsExactly("86138", "8621");
        assertThat(tariff.validUntil()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(anomaly.score()).isEqualTo(new BigDecimal("4.72"));
        assertThat(Contract.golden("SpendAnomaly").get("score").isTextual()).isTrue();
    }

    @Test
    void settingsChangedWithOnlyOneFieldKeepsTheOthersAbsent() throws IOException {
        CampaignSettingsChanged changed = CampaignSettingsChanged.of("acme-insurance", null, "cmp-1",
                null, DialMode.PREDICTIVE, null, null, null, null, null, null);

        JsonNode written = Contract.JSON.readTree(EventJson.write(changed));

        assertThat(written.has("dialMode")).isTrue();
        assertThat(written.has("budget")).isFalse();
        assertThat(written.has("allowedCarrierIds")).isFalse();
        assertThat(EventJson.read(written.toString(), CampaignSettingsChanged.class)).isEqualTo(changed);
    }
}
