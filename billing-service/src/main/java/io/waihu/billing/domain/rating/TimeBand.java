package io.waihu.billing.domain.rating;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A named stretch of the day (peak, off-peak) on some day kinds, in the tariff's zone: [from, to), with
 * {@code toSecond} = 86400 meaning midnight at the end of the day.
 */
public record TimeBand(String name, Set<DayKind> days, int fromSecond, int toSecond) {

    public static final int DAY = 86_400;

    public TimeBand {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("band name is required");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("band " + name + " needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        if (fromSecond < 0 || fromSecond >= DAY || toSecond <= fromSecond || toSecond > DAY) {
            throw new IllegalArgumentException("band " + name + " must run forwards within one day (from " + fromSecond + " s to " + toSecond + " s)");
        }
    }

    /** Parses "HH:mm" or "HH:mm:ss"; "24:00" is the end of the day. */
    public static int secondOfDay(String text) {
        if ("24:00".equals(text) || "24:00:00".equals(text)) {
            return DAY;
        }
        return LocalTime.parse(text).toSecondOfDay();
    }

    boolean covers(DayKind day, int second) {
        return days.contains(day) && second >= fromSecond && second < toSecond;
    }
}
