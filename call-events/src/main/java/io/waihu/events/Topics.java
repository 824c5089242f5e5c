package io.waihu.events;

import io.waihu.events.analytics.AlertEvent;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.events.billing.TariffEvent;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.events.campaign.DialRequestEvent;
import io.waihu.events.campaign.OutcomeEvent;
import io.waihu.events.campaign.SuppressionEvent;
import io.waihu.events.crm.ContactEvent;
import io.waihu.events.dialer.CallEvent;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every Waihu topic. Names are {@code <owner>.<stream>.v<major>}; within a major version changes
 * are additive only. The key of every record is the event's aggregate id, so ordering holds per
 * campaign, call, carrier or contact.
 */
public final class Topics {

    public static final String CONTACT_EVENTS = "crm.contact-events.v1";
    public static final String CAMPAIGN_EVENTS = "campaign.campaign-events.v1";
    public static final String DIAL_REQUESTS = "campaign.dial-requests.v1";
    public static final String SUPPRESSION_EVENTS = "campaign.suppression-events.v1";
    public static final String OUTCOME_EVENTS = "campaign.outcome-events.v1";
    public static final String CALL_EVENTS = "dialer.call-events.v1";
    public static final String CHARGE_EVENTS = "billing.charge-events.v1";
    public static final String TARIFF_EVENTS = "billing.tariff-events.v1";
    public static final String ALERT_EVENTS = "analytics.alert-events.v1";

    public static final String DLQ_SUFFIX = ".dlq";
    /** Header SmallRye's dead-letter-queue failure strategy puts the failure message in. */
    public static final String DLQ_REASON_HEADER = "dead-letter-reason";
    /** Header SmallRye puts the cause's message in, when there is one. */
    public static final String DLQ_CAUSE_HEADER = "dead-letter-cause";

    private static final List<TopicSpec> ALL = List.of(
            new TopicSpec(CONTACT_EVENTS, "externalId", Services.CRM,
                    List.of(Services.CAMPAIGN), 6, ContactEvent.class),
            new TopicSpec(CAMPAIGN_EVENTS, "campaignId", Services.CAMPAIGN,
                    List.of(Services.DIALER, Services.ANALYTICS), 6, CampaignEvent.class),
            new TopicSpec(DIAL_REQUESTS, "campaignId", Services.CAMPAIGN,
                    List.of(Services.DIALER), 6, DialRequestEvent.class),
            // do-not-call entries: low volume, few partitions
            new TopicSpec(SUPPRESSION_EVENTS, "entryId", Services.CAMPAIGN,
                    List.of(Services.DIALER), 3, SuppressionEvent.class),
            new TopicSpec(OUTCOME_EVENTS, "campaignId", Services.CAMPAIGN,
                    List.of(Services.ANALYTICS), 6, OutcomeEvent.class),
            new TopicSpec(CALL_EVENTS, "callId", Services.DIALER,
                    List.of(Services.BILLING, Services.CAMPAIGN, Services.ANALYTICS), 6, CallEvent.class),
            new TopicSpec(CHARGE_EVENTS, "callId", Services.BILLING,
                    List.of(Services.ANALYTICS, Services.CAMPAIGN), 6, ChargeEvent.class),
            // one record per carrier and tariff version: low volume, few partitions
            new TopicSpec(TARIFF_EVENTS, "carrierId", Services.BILLING,
                    List.of(Services.DIALER), 3, TariffEvent.class),
            new TopicSpec(ALERT_EVENTS, "campaignId", Services.ANALYTICS,
                    List.of(Services.CAMPAIGN), 3, AlertEvent.class));

    private Topics() {
    }

    public static List<TopicSpec> all() {
        return ALL;
    }

    public static TopicSpec spec(String topic) {
        return ALL.stream().filter(spec -> spec.name().equals(topic)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("unknown topic " + topic));
    }

    public static List<TopicSpec> producedBy(String service) {
        return ALL.stream().filter(spec -> spec.producer().equals(service)).toList();
    }

    public static List<TopicSpec> consumedBy(String service) {
        return ALL.stream().filter(spec -> spec.consumers().contains(service)).toList();
    }

    /**
     * Every topic with its partition count, then one dead-letter topic per consumer of each; what a cluster needs
     * created before the services start. A DLQ gets its source's partition count: it keeps the original key.
     */
    public static java.util.Map<String, Integer> withDeadLetterTopics() {
        java.util.Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        for (TopicSpec spec : ALL) {
            topics.put(spec.name(), spec.partitions());
        }
        for (TopicSpec spec : ALL) {
            for (String consumer : spec.consumers()) {
                topics.put(spec.dlqFor(consumer), spec.partitions());
            }
        }
        return topics;
    }

    /** {@code <topic>.<consumer>.dlq}: each consumer group dead-letters into its own topic. */
    public static String dlq(String topic, String consumerService) {
        Require.id(topic, "topic");
        Require.id(consumerService, "consumerService");
        return topic + "." + consumerService + DLQ_SUFFIX;
    }
}
