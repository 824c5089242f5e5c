package io.waihu.events;

import io.waihu.events.analytics.BudgetThresholdReached;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.billing.RouteEntry;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.crm.ContactOptedOut;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.crm.Phone;
import io.waihu.events.crm.PhoneType;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.wire.EventJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Factories fill the header; compact constructors enforce the contract for producers too. */
class EventRecordsTest {

    private static final Instant SETUP = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void factoryFillsTheHeader() {
        Instant before = Instant.now();
        CallEnded now = callEnded(null, 30);
        CallEnded atGivenTime = callEnded(SETUP.plusSeconds(60), 30);

        assertThat(now.eventId()).isNotNull().isNotEqualTo(atGivenTime.eventId());
        assertThat(now.type()).isEqualTo("CallEnded");
        assertThat(now.schemaVersion()).isEqualTo(WaihuEvent.SCHEMA_VERSION);
        assertThat(now.occurredAt()).isBetween(before, Instant.now());
        assertThat(atGivenTime.occurredAt()).isEqualTo(SETUP.plusSeconds(60));
        assertThat(now.aggregateId()).isEqualTo("call-1");
    }

    @Test
    void headerIsValidated() {
        assertThatThrownBy(() -> CallEnded.of(" ", null, "call-1", "cmp-1", "att-1", "ct-1", "+14155550123", "carrier-a",
                null, CallDisposition.BUSY, SETUP, null, null, SETUP, 0, false, null, null))
                .isInstanceOf(InvalidEventException.class).hasMessage("tenantId: must not be blank");
        CallEnded valid = callEnded(null, 1);
        assertThatThrownBy(() -> new CallEnded(valid.eventId(), "CallPlaced", valid.occurredAt(), valid.tenantId(), 1,
                valid.callId(), valid.campaignId(), valid.attemptId(), valid.contactId(), valid.number(), valid.carrierId(),
                null, valid.disposition(), valid.setupAt(), null, null, valid.endedAt(), 1, false, null, null, null, null))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> new CallEnded(valid.eventId(), "CallEnded", valid.occurredAt(), valid.tenantId(), 2,
                valid.callId(), valid.campaignId(), valid.attemptId(), valid.contactId(), valid.number(), valid.carrierId(),
                null, valid.disposition(), valid.setupAt(), null, null, valid.endedAt(), 1, false, null, null, null, null))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schemaVersion");
        assertThatThrownBy(() -> new CallEnded(null, "CallEnded", valid.occurredAt(), valid.tenantId(), 1,
                valid.callId(), valid.campaignId(), valid.attemptId(), valid.contactId(), valid.number(), valid.carrierId(),
                null, valid.disposition(), valid.setupAt(), null, null, valid.endedAt(), 1, false, null, null, null, null))
                .isInstanceOf(InvalidEventException.class).hasMessage("eventId: is required");
    }

    @Test
    void callEndedRules() {
        assertThatThrownBy(() -> callEnded(null, -1)).hasMessage("billableSeconds: must be >= 0 but was -1");
        assertThatThrownBy(() -> CallEnded.of("acme", null, "call-1", "cmp-1", "att-1", "ct-1", "+14155550123",
                "carrier-a", null, CallDisposition.BUSY, SETUP, null, null, SETUP.minusMillis(1), 0, false, null, null))
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("endedAt: must not be before setupAt");
        assertThatThrownBy(() -> CallEnded.of("acme", null, "call-1", "cmp-1", "att-1", "ct-1", "4155550123",
                "carrier-a", null, CallDisposition.BUSY, SETUP, null, null, SETUP, 0, false, null, null))
                .hasMessageContaining("E.164");
        assertThatThrownBy(() -> CallEnded.of("acme", null, "call-1", "cmp-1", "att-1", "ct-1", "+14155550123",
                "carrier-a", null, CallDisposition.BUSY, SETUP, null, null, SETUP, 0, false, null, "+08:00"))
                .hasMessageContaining("calleeZone");
    }

    @Test
    void reratingDeltaMustAddUp() {
        Money before = Money.of("0.4860", "CNY");
        Money after = Money.of("0.4320", "CNY");

        CallRerated ok = CallRerated.of("acme", null, "call-1", "cmp-1", before, after, after.minus(before), 8, "fix");

        assertThat(ok.delta()).isEqualTo(Money.of("-0.0540", "CNY"));
        assertThatThrownBy(() -> CallRerated.of("acme", null, "call-1", "cmp-1", before, after, Money.of("0.0540", "CNY"), 8, "fix"))
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("delta:");
        assertThatThrownBy(() -> CallRerated.of("acme", null, "call-1", "cmp-1", before, Money.of("0.0600", "USD"),
                Money.of("0", "USD"), 8, "fix")).hasMessageStartingWith("newCost:");
    }

    @Test
    void alertsAndTariffsKeepOneCurrency() {
        assertThatThrownBy(() -> BudgetThresholdReached.of("acme", null, "cmp-1", 80, Money.of("10", "USD"), Money.of("12", "CNY")))
                .hasMessageStartingWith("spent:");
        assertThatThrownBy(() -> BudgetThresholdReached.of("acme", null, "cmp-1", 0, Money.of("10", "CNY"), Money.of("12", "CNY")))
                .hasMessageStartingWith("thresholdPercent:");
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        List<RouteEntry> routes = List.of(new RouteEntry("86138", DestinationClass.MOBILE, Money.of("0.24", "CNY")),
                new RouteEntry("1", DestinationClass.INTERNATIONAL, Money.of("0.10", "USD")));
        assertThatThrownBy(() -> TariffPublished.of("acme", null, "carrier-a", "Telco A", "t-1", 1, "CNY", from, null, 120, routes, 0))
                .hasMessageStartingWith("routes[1].typicalCallCost.currency:");
        assertThatThrownBy(() -> TariffPublished.of("acme", null, "carrier-a", "Telco A", "t-1", 1, "CNY", from, from,
                120, routes.subList(0, 1), 0)).hasMessageStartingWith("validUntil:");
        assertThatThrownBy(() -> new RouteEntry("+86", DestinationClass.MOBILE, Money.of("1", "CNY")))
                .hasMessageStartingWith("prefix:");
    }

    @Test
    void collectionsAreCopiedAndChecked() {
        List<String> zones = new ArrayList<>(List.of("America/Chicago"));
        DialRequested request = DialRequested.of("acme", null, "cmp-1", "att-1", "ct-1", "+13125550100", zones,
                SETUP, 1, 0);
        zones.add("America/New_York");

        assertThat(request.calleeZones()).containsExactly("America/Chicago");
        assertThatThrownBy(() -> request.calleeZones().add("UTC")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> DialRequested.of("acme", null, "cmp-1", "att-1", "ct-1", "+13125550100", List.of(),
                SETUP, 1, 0)).hasMessageStartingWith("calleeZones:");
        assertThatThrownBy(() -> DialRequested.of("acme", null, "cmp-1", "att-1", "ct-1", "+13125550100",
                List.of("America/Chicago", "Mars/Olympus"), SETUP, 1, 0)).hasMessageStartingWith("calleeZones[1]:");
        assertThatThrownBy(() -> DialRequested.of("acme", null, "cmp-1", "att-1", "ct-1", "+13125550100",
                List.of("America/Chicago"), SETUP, 0, 0)).hasMessageStartingWith("attemptNumber:");
    }

    @Test
    void numberReadingIsOptionalAndTravelsOnTheSameEvent() {
        CallEnded plain = callEnded(null, 30);
        CallEnded read = plain.withNumberReading(NumberType.MOBILE, "Verizon");
        DialRequested request = DialRequested.of("acme", null, "cmp-1", "att-1", "ct-1", "+13125550100",
                List.of("America/Chicago"), SETUP, 1, 0);

        assertThat(plain.numberType()).isNull();
        assertThat(plain.rangeCarrier()).isNull();
        assertThat(EventJson.write(plain)).doesNotContain("numberType").doesNotContain("rangeCarrier");
        assertThat(read.eventId()).isEqualTo(plain.eventId());
        assertThat(read.withNumberReading(null, null)).isEqualTo(plain);
        assertThat(EventJson.read(EventJson.write(read), CallEnded.class)).isEqualTo(read);
        assertThat(request.withNumberReading(NumberType.FIXED_LINE, null).numberType()).isEqualTo(NumberType.FIXED_LINE);
        assertThat(request.withNumberReading(NumberType.FIXED_LINE, null).eventId()).isEqualTo(request.eventId());
        // a blank range owner is no name
        assertThatThrownBy(() -> request.withNumberReading(NumberType.MOBILE, " ")).hasMessage("rangeCarrier: must not be blank");
    }

    @Test
    void numberTypeNamesAreLibphonenumbers() {
        // the enum mirrors libphonenumber's PhoneNumberType; call-events does not depend on libphonenumber, so
        // the services that read numbers check the mapping (campaign-service's and billing-service's tests)
        assertThat(NumberType.values()).extracting(Enum::name).containsExactly("FIXED_LINE", "MOBILE",
                "FIXED_LINE_OR_MOBILE", "TOLL_FREE", "PREMIUM_RATE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER",
                "UAN", "VOICEMAIL", "UNKNOWN");
    }

    @Test
    void contactDefaultsAndOptOutOfAllNumbers() {
        ContactUpserted contact = ContactUpserted.of("acme", null, "crm-1", null, "Ana",
                List.of(new Phone("+34600111222", PhoneType.MOBILE)), null, null, null);
        ContactOptedOut everywhere = ContactOptedOut.of("acme", null, "crm-1", null, "asked", "WEB");

        assertThat(contact.attributes()).isEmpty();
        assertThat(everywhere.number()).isNull();
        assertThat(EventJson.write(everywhere)).doesNotContain("\"number\"");
        assertThat(EventJson.read(EventJson.write(contact), ContactUpserted.class)).isEqualTo(contact);
    }

    @Test
    void moneyIsExactAndValidated() {
        Money fee = Money.of("0.0600", "CNY");

        assertThat(fee.plus(Money.of("0.48", "CNY"))).isEqualTo(new Money(new BigDecimal("0.5400"), "CNY"));
        assertThat(fee.sameValueAs(Money.of("0.06", "CNY"))).isTrue();
        assertThat(fee).isNotEqualTo(Money.of("0.06", "CNY"));
        assertThat(fee.toString()).isEqualTo("0.0600 CNY");
        assertThat(Money.zero("USD").signum()).isZero();
        assertThatThrownBy(() -> Money.of("1", "cny")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> Money.of("1", "ABC")).hasMessageContaining("unknown ISO-4217");
        assertThatThrownBy(() -> Money.of("1,5", "EUR")).hasMessageStartingWith("amount:");
        assertThatThrownBy(() -> fee.plus(Money.of("1", "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventJson.newMapper().valueToTree(Money.of("1E+3", "EUR")).get("amount").asText()).isEqualTo("1000");
    }

    @Test
    void eventsAreValueObjects() {
        UUID id = UUID.randomUUID();
        Map<String, String> attributes = Map.of("a", "b");
        ContactUpserted one = new ContactUpserted(id, "ContactUpserted", SETUP, "acme", 1, "crm-1", null, "Ana",
                List.of(), null, attributes, null);
        ContactUpserted same = new ContactUpserted(id, "ContactUpserted", SETUP, "acme", 1, "crm-1", null, "Ana",
                List.of(), null, Map.of("a", "b"), null);

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
    }

    private static CallEnded callEnded(Instant occurredAt, long billableSeconds) {
        return CallEnded.of("acme", occurredAt, "call-1", "cmp-1", "att-1", "ct-1", "+14155550123", "carrier-a",
                null, CallDisposition.ANSWERED_HUMAN, SETUP, SETUP.plusSeconds(2), SETUP.plusSeconds(5),
                SETUP.plusSeconds(40), billableSeconds, false, null, "America/Los_Angeles");
    }
}
