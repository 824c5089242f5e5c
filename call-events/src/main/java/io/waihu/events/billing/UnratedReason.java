package io.waihu.events.billing;

/**
 * Why a call could not be rated.
 */
public enum UnratedReason {
    NO_TARIFF, NO_DESTINATION, NO_RATE_FOR_BAND, INVALID_NUMBER, OTHER
}
