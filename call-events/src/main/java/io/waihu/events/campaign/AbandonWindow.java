package io.waihu.events.campaign;

/** The period a rule pack measures the abandon rate over. */
public enum AbandonWindow {
    /** The last 30 days, rolling (US TCPA / FTC TSR: 3% of live answers per campaign). */
    ROLLING_30_DAYS,
    /** Each calendar day in the rule pack's zone (UK Ofcom). */
    CALENDAR_DAY
}
