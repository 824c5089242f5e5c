package io.waihu.campaign.domain;

public enum ContactStatus {
    /** may be called, subject to windows, caps and suppression */
    ACTIVE,
    /** asked not to be called; never released by the hopper */
    OPTED_OUT,
    /** personal data removed on request; attempt history stays, anonymised */
    ERASED
}
