package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Topics;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.waihu.campaign.CampaignApi.act;
import static io.waihu.campaign.CampaignApi.create;
import static io.waihu.campaign.CampaignApi.get;
import static io.waihu.campaign.CampaignApi.post;
import static io.waihu.campaign.CampaignApi.put;
import static io.waihu.campaign.CampaignApi.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Lifecycle transitions (409 names what is allowed), validation (400 names the field), rule packs. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CampaignLifecycleTest {

    @Test
    void lifecycleWithEventsAndIllegalTransitions() {
        String tenant = "tenant-" + UUID.randomUUID();
        // a list nobody fills: the campaign runs but never completes by itself
        String id = create(tenant, settings("Lifecycle", List.of("empty-" + UUID.randomUUID()), "US"));
        get(tenant, "/api/v1/campaigns/" + id).statusCode(200).body("status", equalTo("DRAFT"))
                .body("settings.hopperSize", equalTo(50)).body("settings.budgetAlertPercents", equalTo(List.of(80, 100)))
                .body("settings.dispositions.code", hasItems("SALE", "DO_NOT_CALL", "CALLBACK"))
                .body("settings.retryDelays.BUSY", equalTo("PT10M"));

        act(tenant, id, "pause").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("allowed now: start, cancel"));
        act(tenant, id, "resume").statusCode(409);
        act(tenant, id, "start").statusCode(200).body("status", equalTo("RUNNING")).body("rulePackVersion", equalTo(1));
        act(tenant, id, "start").statusCode(409).body("detail", containsString("allowed now: pause, complete, cancel"));
        put(tenant, "/api/v1/campaigns/" + id, settings("Renamed", List.of("x"), "US")).statusCode(409)
                .body("detail", containsString("DRAFT or PAUSED"));
        act(tenant, id, "pause").statusCode(200).body("status", equalTo("PAUSED"));
        Map<String, Object> changed = settings("Renamed", List.of("x"), "UK");
        put(tenant, "/api/v1/campaigns/" + id, changed).statusCode(200).body("settings.name", equalTo("Renamed"));
        act(tenant, id, "resume").statusCode(200).body("status", equalTo("RUNNING"));
        act(tenant, id, "complete").statusCode(200).body("status", equalTo("COMPLETED"));
        act(tenant, id, "cancel").statusCode(409).body("detail", containsString("allowed now: none"));
        get(tenant, "/api/v1/campaigns?status=COMPLETED").statusCode(200).body("totalItems", equalTo(1)).body("items[0].id", equalTo(id));
        get("other-tenant", "/api/v1/campaigns/" + id).statusCode(404);

        var events = KafkaProbe.awaitRecords(Topics.CAMPAIGN_EVENTS, r -> id.equals(r.key()), 5, Duration.ofSeconds(30));
        List<String> types = events.stream().map(r -> r.value().replaceAll(".*\"type\":\"([A-Za-z]+)\".*", "$1")).toList();
        assertThat(types).containsExactly("CampaignStarted", "CampaignPaused", "CampaignSettingsChanged", "CampaignResumed", "CampaignCompleted");
        String started = events.get(0).value();
        assertThat(started).contains("\"dialPolicy\"", "\"abandonLimitBasisPoints\":300", "\"abandonWindow\":\"ROLLING_30_DAYS\"",
                "\"budgetAlertPercents\":[80,100]", "\"callerId\":\"+14155550100\"");
        // the US pack narrows the campaign's all-day windows to 08:00-21:00
        assertThat(started).contains("\"startMinute\":480", "\"endMinute\":1260");
        String settingsChanged = events.get(2).value();
        assertThat(settingsChanged).contains("\"rulePack\":\"UK\"", "\"noRedialAfterAbandonHours\":72", "\"abandonWindow\":\"CALENDAR_DAY\"",
                "\"name\":\"Renamed\"");
    }

    @Test
    void cancelFromDraftAndScheduled() {
        String tenant = "tenant-" + UUID.randomUUID();
        String draft = create(tenant, settings("Draft", List.of("l"), "US"));
        act(tenant, draft, "cancel").statusCode(200).body("status", equalTo("CANCELLED"));
        Map<String, Object> later = settings("Later", List.of("l"), "US");
        later.put("startDate", "2099-01-01T00:00:00Z");
        String scheduled = create(tenant, later);
        act(tenant, scheduled, "start").statusCode(200).body("status", equalTo("SCHEDULED"));
        act(tenant, scheduled, "pause").statusCode(409).body("detail", containsString("allowed now: cancel"));
        act(tenant, scheduled, "cancel").statusCode(200).body("status", equalTo("CANCELLED"));
        act(tenant, UUID.randomUUID().toString(), "start").statusCode(404);
    }

    @Test
    void validationNamesTheField() {
        String tenant = "tenant-" + UUID.randomUUID();
        Map<String, Object> s = settings("Bad", List.of("l"), "US");
        s.remove("name");
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("violations.field", hasItem("name"));

        s = settings("Bad", List.of("l"), "US");
        s.put("callerId", "12345");
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("violations.field", hasItem("callerId"));

        s = settings("Bad", List.of(), "US");
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("violations.field", hasItem("listIds"));

        s = settings("Bad", List.of("l"), "US");
        s.put("hopperSize", 5000);
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("violations.field", hasItem("hopperSize"));

        s = settings("Bad", List.of("l"), "US");
        s.put("callingWindows", List.of(Map.of("day", "MONDAY", "start", "9am", "end", "20:00")));
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("violations.field", hasItem("callingWindows[0].start"));

        s = settings("Bad", List.of("l"), "US");
        s.put("callingWindows", List.of(Map.of("day", "MONDAY", "start", "20:00", "end", "09:00")));
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("callingWindows[0].end: must be after start"));

        s = settings("Bad", List.of("l"), "US");
        s.put("retryDelays", Map.of("BUSY", "ten minutes"));
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("retryDelays"));

        s = settings("Bad", List.of("l"), "US");
        s.put("budget", Map.of("amount", "100.00", "currency", "euros"));
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("currency"));

        s = settings("Bad", List.of("l"), "XX");
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("rulePack"));

        s = settings("Bad", List.of("l"), "US");
        s.put("startDate", "2026-12-01");
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("startDate: a date needs timeZone"));

        s = settings("Bad", List.of("l"), "US");
        s.put("dialMode", "TURBO");
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("dialMode"));

        s = settings("Bad", List.of("l"), "US");
        s.put("segment", Map.of("region", 7));
        post(tenant, "/api/v1/campaigns", s).statusCode(400).body("detail", containsString("segment.region"));
    }

    @Test
    void rulePacksAreVersionedData() {
        String tenant = "tenant-" + UUID.randomUUID();
        get(tenant, "/api/v1/rule-packs").statusCode(200).body("id", hasItems("US", "UK", "CN"));
        get(tenant, "/api/v1/rule-packs/UK").statusCode(200).body("noRedialAfterAbandonHours", equalTo(72))
                .body("abandonWindow", equalTo("CALENDAR_DAY")).body("abandonWindowZone", equalTo("Europe/London"));
        get(tenant, "/api/v1/rule-packs/CN").statusCode(200).body("consentRequired", equalTo(true));
        Map<String, Object> florida = Map.of("id", "US-FL", "name", "Florida", "abandonLimitBasisPoints", 300,
                "abandonWindow", "ROLLING_30_DAYS", "abandonWindowZone", "America/New_York", "noRedialAfterAbandonHours", 0,
                "consentRequired", false, "legalWindows", List.of(Map.of("day", "MONDAY", "start", "08:00", "end", "20:00")));
        post(tenant, "/api/v1/rule-packs", florida).statusCode(201).body("version", equalTo(1));
        post(tenant, "/api/v1/rule-packs", florida).statusCode(201).body("version", equalTo(2));
        get(tenant, "/api/v1/rule-packs/US-FL?version=1").statusCode(200).body("version", equalTo(1));
        get("other-tenant", "/api/v1/rule-packs/US-FL").statusCode(404);
        post(tenant, "/api/v1/rule-packs", Map.of("id", "US", "name", "mine", "abandonLimitBasisPoints", 300,
                "abandonWindow", "ROLLING_30_DAYS", "abandonWindowZone", "America/New_York", "noRedialAfterAbandonHours", 0,
                "consentRequired", false, "legalWindows", List.of(Map.of("day", "MONDAY", "start", "08:00", "end", "20:00"))))
                .statusCode(409);
        // a campaign on the custom pack: its windows are the pack's legal hours intersected with the campaign's
        String id = create(tenant, settings("Florida", List.of("fl-" + UUID.randomUUID()), "US-FL"));
        act(tenant, id, "start").statusCode(200).body("rulePackVersion", equalTo(2));
        var started = KafkaProbe.awaitRecords(Topics.CAMPAIGN_EVENTS, r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(started).contains("\"callingWindows\":[{\"day\":\"MONDAY\",\"startMinute\":480,\"endMinute\":1200}]");
    }
}
