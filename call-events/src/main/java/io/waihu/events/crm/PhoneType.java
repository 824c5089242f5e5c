package io.waihu.events.crm;

/**
 * What kind of line a contact's number is.
 */
public enum PhoneType {
    MOBILE, HOME, WORK, OTHER
}
