package io.waihu.events.wire;

import io.waihu.events.TopicSpec;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;
import io.waihu.events.analytics.BudgetExhausted;
import io.waihu.events.analytics.BudgetThresholdReached;
import io.waihu.events.analytics.SpendAnomaly;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.CallRerated;
import io.waihu.events.billing.CallUnrated;
import io.waihu.events.billing.TariffPublished;
import io.waihu.events.campaign.CampaignCompleted;
import io.waihu.events.campaign.CampaignPaused;
import io.waihu.events.campaign.CampaignResumed;
import io.waihu.events.campaign.CampaignSettingsChanged;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialRequested;
import io.waihu.events.campaign.OutcomeRecorded;
import io.waihu.events.campaign.SuppressionAdded;
import io.waihu.events.campaign.SuppressionRemoved;
import io.waihu.events.crm.ContactErased;
import io.waihu.events.crm.ContactOptedOut;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.dialer.CallAnswered;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.DialDropped;
import io.waihu.events.dialer.CallPlaced;
import io.waihu.events.dialer.CallRinging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Every event type: its record, its topic and its JSON Schema on the classpath. */
public final class EventCatalog {

    /** Classpath folder of the v1 JSON Schemas; {@code common.schema.json} there holds shared definitions. */
    public static final String SCHEMA_FOLDER = "schemas/v1/";
    /** Classpath location of the AsyncAPI document. */
    public static final String ASYNCAPI = "asyncapi.yaml";

    /**
     * One event type.
     *
     * @param type           the event's name, as in its "type" field
     * @param eventClass     the record
     * @param topic          the topic it travels on
     * @param schemaResource classpath location of its JSON Schema
     */
    public record Entry(String type, Class<? extends WaihuEvent> eventClass, String topic, String schemaResource) {

        public TopicSpec topicSpec() {
            return Topics.spec(topic);
        }
    }

    private static final Map<String, Entry> BY_TYPE = new LinkedHashMap<>();

    static {
        add(ContactUpserted.TYPE, ContactUpserted.class, Topics.CONTACT_EVENTS);
        add(ContactOptedOut.TYPE, ContactOptedOut.class, Topics.CONTACT_EVENTS);
        add(ContactErased.TYPE, ContactErased.class, Topics.CONTACT_EVENTS);
        add(CampaignStarted.TYPE, CampaignStarted.class, Topics.CAMPAIGN_EVENTS);
        add(CampaignPaused.TYPE, CampaignPaused.class, Topics.CAMPAIGN_EVENTS);
        add(CampaignResumed.TYPE, CampaignResumed.class, Topics.CAMPAIGN_EVENTS);
        add(CampaignCompleted.TYPE, CampaignCompleted.class, Topics.CAMPAIGN_EVENTS);
        add(CampaignSettingsChanged.TYPE, CampaignSettingsChanged.class, Topics.CAMPAIGN_EVENTS);
        add(DialRequested.TYPE, DialRequested.class, Topics.DIAL_REQUESTS);
        add(SuppressionAdded.TYPE, SuppressionAdded.class, Topics.SUPPRESSION_EVENTS);
        add(SuppressionRemoved.TYPE, SuppressionRemoved.class, Topics.SUPPRESSION_EVENTS);
        add(OutcomeRecorded.TYPE, OutcomeRecorded.class, Topics.OUTCOME_EVENTS);
        add(CallPlaced.TYPE, CallPlaced.class, Topics.CALL_EVENTS);
        add(CallRinging.TYPE, CallRinging.class, Topics.CALL_EVENTS);
        add(CallAnswered.TYPE, CallAnswered.class, Topics.CALL_EVENTS);
        add(CallEnded.TYPE, CallEnded.class, Topics.CALL_EVENTS);
        add(DialDropped.TYPE, DialDropped.class, Topics.CALL_EVENTS);
        add(CallCharged.TYPE, CallCharged.class, Topics.CHARGE_EVENTS);
        add(CallRerated.TYPE, CallRerated.class, Topics.CHARGE_EVENTS);
        add(CallUnrated.TYPE, CallUnrated.class, Topics.CHARGE_EVENTS);
        add(TariffPublished.TYPE, TariffPublished.class, Topics.TARIFF_EVENTS);
        add(BudgetThresholdReached.TYPE, BudgetThresholdReached.class, Topics.ALERT_EVENTS);
        add(BudgetExhausted.TYPE, BudgetExhausted.class, Topics.ALERT_EVENTS);
        add(SpendAnomaly.TYPE, SpendAnomaly.class, Topics.ALERT_EVENTS);
    }

    private EventCatalog() {
    }

    private static void add(String type, Class<? extends WaihuEvent> eventClass, String topic) {
        BY_TYPE.put(type, new Entry(type, eventClass, topic, SCHEMA_FOLDER + type + ".schema.json"));
    }

    public static List<Entry> all() {
        return List.copyOf(BY_TYPE.values());
    }

    public static Optional<Entry> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Entry require(String type) {
        return find(type).orElseThrow(() -> new NoSuchElementException("unknown event type " + type));
    }

    public static Entry of(Class<? extends WaihuEvent> eventClass) {
        return BY_TYPE.values().stream().filter(entry -> entry.eventClass().equals(eventClass)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("not a cataloged event: " + eventClass.getName()));
    }

    public static List<Entry> onTopic(String topic) {
        return BY_TYPE.values().stream().filter(entry -> entry.topic().equals(topic)).toList();
    }
}
