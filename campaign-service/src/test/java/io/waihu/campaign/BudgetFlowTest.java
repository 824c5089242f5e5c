package io.waihu.campaign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.analytics.BudgetExhausted;
import io.waihu.events.analytics.BudgetThresholdReached;
import io.waihu.events.billing.CallRerated;
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
import static io.waihu.campaign.CampaignApi.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Spend folded once per call from billing's charges; budget alerts recorded; BudgetExhausted pauses with reason "budget". */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class BudgetFlowTest {

    @Test
    void spendIsFoldedAndAnExhaustedBudgetPauses() {
        String tenant = "tenant-" + UUID.randomUUID();
        Map<String, Object> s = settings("Budget", List.of("empty-" + UUID.randomUUID()), "US");
        s.put("budget", Map.of("amount", "10.00", "currency", "EUR"));
        String id = create(tenant, s);
        act(tenant, id, "start").statusCode(200);

        String call = "call-" + UUID.randomUUID();
        CallRerated first = CallRerated.of(tenant, null, call, id, Money.of("0", "EUR"), Money.of("4.25", "EUR"),
                Money.of("4.25", "EUR"), 1, "first rating");
        KafkaProbe.publish(Topics.CHARGE_EVENTS, first, "billing-service");
        KafkaProbe.publish(Topics.CHARGE_EVENTS, first, "billing-service"); // redelivered: counted once
        // a correction to the same call replaces its cost: the spend moves by the difference only
        KafkaProbe.publish(Topics.CHARGE_EVENTS, CallRerated.of(tenant, null, call, id, Money.of("4.25", "EUR"),
                Money.of("3.75", "EUR"), Money.of("-0.50", "EUR"), 2, "tariff correction"), "billing-service");
        String progress = "/api/v1/campaigns/" + id + "/progress";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(tenant, progress).statusCode(200)
                .body("spent[0].amount", equalTo("3.750000")));
        get(tenant, "/api/v1/campaigns/" + id).body("spent.amount", equalTo("3.750000")).body("spent.currency", equalTo("EUR"));

        KafkaProbe.publish(Topics.ALERT_EVENTS, BudgetThresholdReached.of(tenant, null, id, 80, Money.of("8.00", "EUR"),
                Money.of("10.00", "EUR")), "analytics-service");
        KafkaProbe.publish(Topics.ALERT_EVENTS, BudgetExhausted.of(tenant, null, id, Money.of("10.00", "EUR"),
                Money.of("10.00", "EUR")), "analytics-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(tenant, "/api/v1/campaigns/" + id)
                .body("status", equalTo("PAUSED")).body("statusReason", equalTo("budget")));
        get(tenant, progress).body("budgetAlerts.size()", equalTo(2)).body("budgetAlerts[0].thresholdPercent", equalTo(80));
        String paused = KafkaProbe.awaitRecords(Topics.CAMPAIGN_EVENTS, r -> id.equals(r.key()) && r.value().contains("CampaignPaused"),
                1, Duration.ofSeconds(30)).get(0).value();
        assertThat(paused).contains("\"reason\":\"budget\"");
    }
}
