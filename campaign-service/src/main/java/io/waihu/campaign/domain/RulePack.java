package io.waihu.campaign.domain;

import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.CallingWindow;

import java.time.Instant;
import java.util.List;

/**
 * A jurisdiction's calling rules as data: legal hours in the callee's local time, the abandon limit and its
 * measuring window, the no-redial period after an abandoned call, and whether recorded consent is required.
 *
 * @param tenantId "*" for a built-in pack, else the tenant that wrote it
 */
public record RulePack(String tenantId, String id, int version, String name, String description,
                       List<CallingWindow> legalWindows, int abandonLimitBasisPoints, AbandonWindow abandonWindow,
                       String abandonWindowZone, int noRedialAfterAbandonHours, boolean consentRequired,
                       Instant createdAt) {

    public static final String BUILT_IN = "*";

    public boolean builtIn() {
        return BUILT_IN.equals(tenantId);
    }
}
