package io.waihu.events;

/**
 * Names of the producers and consumers of Waihu topics. A service's name is also its Kafka
 * consumer group, its CloudEvents source ({@code /waihu/<name>}) and the middle of its DLQ names.
 */
public final class Services {

    /** CRM systems outside Waihu; they publish contact events and nothing consumes from them. */
    public static final String CRM = "crm";
    public static final String CAMPAIGN = "campaign-service";
    public static final String DIALER = "dialer-service";
    public static final String BILLING = "billing-service";
    public static final String ANALYTICS = "analytics-service";

    private Services() {
    }
}
