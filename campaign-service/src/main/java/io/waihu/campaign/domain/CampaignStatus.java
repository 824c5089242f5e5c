package io.waihu.campaign.domain;

import java.util.EnumSet;
import java.util.Set;

/** DRAFT -> SCHEDULED -> RUNNING <-> PAUSED -> COMPLETED | CANCELLED. */
public enum CampaignStatus {
    /** being set up; settings may change; nothing is dialled */
    DRAFT,
    /** started, waiting for its start date */
    SCHEDULED,
    /** the hopper releases dial requests */
    RUNNING,
    /** no new dial requests; settings may change */
    PAUSED,
    /** ended: list exhausted, end date passed or stopped by hand */
    COMPLETED,
    /** abandoned before it finished */
    CANCELLED;

    /** The operations a client may ask for, and the states each is allowed from. */
    public enum Action {
        START(CampaignStatus.SCHEDULED, EnumSet.of(DRAFT)),
        PAUSE(CampaignStatus.PAUSED, EnumSet.of(RUNNING)),
        RESUME(CampaignStatus.RUNNING, EnumSet.of(PAUSED)),
        COMPLETE(CampaignStatus.COMPLETED, EnumSet.of(RUNNING, PAUSED)),
        CANCEL(CampaignStatus.CANCELLED, EnumSet.of(DRAFT, SCHEDULED, RUNNING, PAUSED));

        private final CampaignStatus target;
        private final Set<CampaignStatus> from;

        Action(CampaignStatus target, Set<CampaignStatus> from) {
            this.target = target;
            this.from = from;
        }

        public CampaignStatus target() {
            return target;
        }

        public boolean allowedFrom(CampaignStatus status) {
            return from.contains(status);
        }

        public String verb() {
            return name().toLowerCase();
        }
    }

    /** The actions allowed in this state, for the 409 message. */
    public Set<Action> allowedActions() {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Action a : Action.values()) {
            if (a.allowedFrom(this)) {
                out.add(a);
            }
        }
        return out;
    }

    public boolean settingsEditable() {
        return this == DRAFT || this == PAUSED;
    }

    public boolean ended() {
        return this == COMPLETED || this == CANCELLED;
    }
}
