package io.waihu.billing.domain.rating;

import java.time.DayOfWeek;

/** A weekday, or a holiday (which takes the holiday bands whatever its weekday). */
public enum DayKind {
    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY, HOLIDAY;

    public static DayKind of(DayOfWeek day) {
        return values()[day.getValue() - 1];
    }
}
