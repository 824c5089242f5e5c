package io.waihu.events.campaign;

import io.waihu.events.InvalidEventException;
import io.waihu.events.Require;

import java.time.DayOfWeek;

/**
 * Hours on one weekday, in the callee's local time, when calls may be placed.
 *
 * @param day Weekday in the callee's zone.
 * @param startMinute First minute of the day calls may start (0 = midnight).
 * @param endMinute Minute of the day calls must have started before, exclusive; 1440 = end of day.
 */
public record CallingWindow(
        DayOfWeek day,
        int startMinute,
        int endMinute) {

    public CallingWindow {
        Require.present(day, "day");
        Require.between(startMinute, 0, 1439, "startMinute");
        Require.between(endMinute, 1, 1440, "endMinute");
        if (endMinute <= startMinute) {
            throw new InvalidEventException("endMinute", "must be after startMinute");
        }
    }

    /** Whether a call may start at this local minute of {@link #day()}. */
    public boolean admits(int minuteOfDay) {
        return minuteOfDay >= startMinute && minuteOfDay < endMinute;
    }
}
