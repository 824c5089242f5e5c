package io.waihu.events.campaign;

import io.waihu.events.OptionalField;
import io.waihu.events.Require;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What the dialer re-checks and enforces at dial time: the campaign's calling rules with its rule pack applied.
 * campaign-service resolves the pack (versioned data) and publishes the result, so the dialer needs no copy of
 * the packs.
 *
 * @param rulePackVersion Version of the rule pack these values came from.
 * @param callerId E.164 number presented to callees.
 * @param callingWindows Weekday windows in the callee's local time, already narrowed to the pack's legal hours;
 * a day without a window is not called.
 * @param blackoutDates Callee-local dates with no calls (holidays and blackouts).
 * @param abandonLimitBasisPoints Hard abandon limit in hundredths of a percent of live answers (300 = 3.00%).
 * @param abandonWindow The period the abandon rate is measured over.
 * @param abandonWindowZone IANA zone that calendar days of the abandon window are counted in.
 * @param noRedialAfterAbandonHours Hours a number must not be called again after an abandoned call (UK: 72); 0 for
 * none.
 * @param maxConcurrentCalls Calls in flight at most, for this campaign. Optional.
 * @param maxCallsPerSecond Calls started per second at most, for this campaign. Optional.
 */
public record DialPolicy(
        int rulePackVersion,
        String callerId,
        List<CallingWindow> callingWindows,
        List<LocalDate> blackoutDates,
        int abandonLimitBasisPoints,
        AbandonWindow abandonWindow,
        String abandonWindowZone,
        int noRedialAfterAbandonHours,
        @OptionalField Integer maxConcurrentCalls,
        @OptionalField Integer maxCallsPerSecond) {

    public DialPolicy {
        Require.atLeast(rulePackVersion, 1, "rulePackVersion");
        Require.e164(callerId, "callerId");
        callingWindows = Require.list(callingWindows, "callingWindows", 0);
        blackoutDates = Require.list(blackoutDates, "blackoutDates", 0);
        Require.between(abandonLimitBasisPoints, 0, 10_000, "abandonLimitBasisPoints");
        Require.present(abandonWindow, "abandonWindow");
        Require.zone(abandonWindowZone, "abandonWindowZone");
        Require.atLeast(noRedialAfterAbandonHours, 0, "noRedialAfterAbandonHours");
        if (maxConcurrentCalls != null) {
            Require.atLeast(maxConcurrentCalls, 1, "maxConcurrentCalls");
        }
        if (maxCallsPerSecond != null) {
            Require.atLeast(maxCallsPerSecond, 1, "maxCallsPerSecond");
        }
    }

    public ZoneId abandonZone() {
        return ZoneId.of(abandonWindowZone);
    }
}
