package io.waihu.dialer.domain.rules;

import io.waihu.events.campaign.CallingWindow;
import io.waihu.events.campaign.DialPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The calling-window part of the rule check. Windows are in the callee's local time: the instant is converted
 * into each candidate zone with the zone's own DST rules, and a number whose zone is uncertain is called only
 * when every candidate zone is inside (the intersection, the most restrictive reading).
 */
public final class CallingWindows {

    private CallingWindows() {
    }

    /** @return empty when the call may start now in every zone, else the first zone that forbids it and why */
    public static Optional<String> outside(DialPolicy policy, List<String> calleeZones, Instant now) {
        if (calleeZones.isEmpty()) {
            return Optional.of("no callee zone known");
        }
        for (String zone : calleeZones) {
            ZonedDateTime local = now.atZone(ZoneId.of(zone));
            LocalDate date = local.toLocalDate();
            if (policy.blackoutDates().contains(date)) {
                return Optional.of("blackout date " + date + " in " + zone);
            }
            int minute = local.getHour() * 60 + local.getMinute();
            if (!admits(policy.callingWindows(), local, minute)) {
                return Optional.of(String.format("local time %s %s %02d:%02d in %s is outside the calling windows (rule pack v%d)",
                        local.getDayOfWeek(), date, local.getHour(), local.getMinute(), zone, policy.rulePackVersion()));
            }
        }
        return Optional.empty();
    }

    private static boolean admits(List<CallingWindow> windows, ZonedDateTime local, int minute) {
        for (CallingWindow w : windows) {
            if (w.day() == local.getDayOfWeek() && w.admits(minute)) {
                return true;
            }
        }
        return false;
    }
}
