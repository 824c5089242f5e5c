package io.waihu.events.wire;

import io.waihu.events.Contract;
import io.waihu.events.Services;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.dialer.CallEnded;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventsTest {

    private final CallEnded ended = EventJson.read(Contract.goldenText("CallEnded"), CallEnded.class);

    @Test
    void binaryModeHeadersComeFromTheEvent() {
        Map<String, String> headers = CloudEvents.headersFor(ended, Services.DIALER);

        assertThat(headers).containsExactly(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", "11111111-2222-4333-8444-555555555504"),
                Map.entry("ce_source", "/waihu/dialer-service"),
                Map.entry("ce_type", "io.waihu.CallEnded.v1"),
                Map.entry("ce_time", "2026-03-02T09:18:37.500Z"),
                Map.entry("ce_subject", "call-5f1c9e2a"),
                Map.entry("ce_tenantid", "acme-insurance"),
                Map.entry("content-type", "application/json"));
    }

    @Test
    void sourceDefaultsToTheTopicsProducer() {
        TariffPublished tariff = EventJson.read(Contract.goldenText("TariffPublished"), TariffPublished.class);

        assertThat(CloudEvents.headersFor(ended)).containsEntry(CloudEvents.SOURCE, "/waihu/dialer-service");
        assertThat(CloudEvents.headersFor(tariff))
                .containsEntry(CloudEvents.SOURCE, "/waihu/billing-service")
                .containsEntry(CloudEvents.SUBJECT, "carrier-telco-a");
    }

    @Test
    void timeIsRfc3339UtcAtAnyPrecision() {
        CallEnded onTheSecond = CallEnded.of("acme", Instant.parse("2026-03-02T09:18:37Z"), "c1", "cmp", "a1",
                "ct", "+14155550123", "carrier", null, ended.disposition(), Instant.parse("2026-03-02T09:18:00Z"),
                null, null, Instant.parse("2026-03-02T09:18:30Z"), 0, false, null, null);

        assertThat(CloudEvents.headersFor(onTheSecond, Services.DIALER).get(CloudEvents.TIME))
                .isEqualTo("2026-03-02T09:18:37Z");
        assertThat(CloudEvents.headersFor(onTheSecond, Services.DIALER).get(CloudEvents.ID))
                .isEqualTo(onTheSecond.eventId().toString());
    }

    @Test
    void bytesAreUtf8OfTheSameValues() {
        Map<String, byte[]> bytes = CloudEvents.headerBytesFor(ended, Services.DIALER);

        assertThat(bytes.keySet()).containsExactlyElementsOf(CloudEvents.headersFor(ended, Services.DIALER).keySet());
        assertThat(CloudEvents.text(bytes.get(CloudEvents.TYPE))).isEqualTo("io.waihu.CallEnded.v1");
        assertThat(new String(bytes.get(CloudEvents.TENANT_ID), StandardCharsets.UTF_8)).isEqualTo("acme-insurance");
        assertThat(CloudEvents.text(null)).isNull();
    }

    @Test
    void ceTypeParsesBackToEventTypeAndVersion() {
        String ceType = CloudEvents.headersFor(ended, Services.DIALER).get(CloudEvents.TYPE);

        assertThat(CloudEvents.eventTypeOf(ceType)).isEqualTo("CallEnded");
        assertThat(CloudEvents.schemaVersionOf(ceType)).isEqualTo(1);
        assertThat(EventCatalog.require(CloudEvents.eventTypeOf(ceType)).eventClass()).isEqualTo(CallEnded.class);
        assertThat(CloudEvents.ceType("TariffPublished", 2)).isEqualTo("io.waihu.TariffPublished.v2");
        assertThat(CloudEvents.isWaihuType("io.waihu.CallEnded.v1")).isTrue();
        assertThat(CloudEvents.isWaihuType("com.example.CallEnded.v1")).isFalse();
        assertThat(CloudEvents.isWaihuType(null)).isFalse();
    }

    @Test
    void foreignOrMalformedCeTypesAreRejected() {
        assertThatThrownBy(() -> CloudEvents.eventTypeOf("com.example.Thing.v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com.example.Thing.v1");
        assertThatThrownBy(() -> CloudEvents.schemaVersionOf("io.waihu.CallEnded")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEvents.eventTypeOf(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEvents.source(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
