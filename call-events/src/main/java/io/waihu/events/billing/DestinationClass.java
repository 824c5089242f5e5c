package io.waihu.events.billing;

/**
 * The class of destination a tariff prefix belongs to.
 */
public enum DestinationClass {
    LOCAL, NATIONAL, MOBILE, INTERNATIONAL, PREMIUM, TOLL_FREE
}
