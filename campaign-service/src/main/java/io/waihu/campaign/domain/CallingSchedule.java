package io.waihu.campaign.domain;

import io.waihu.events.campaign.CallingWindow;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When calls may start, in the callee's local time: weekday windows (already narrowed to the rule pack's legal
 * hours) minus blackout dates. A number that may ring in several zones is callable only when every one of them is
 * inside a window; no zone at all means not callable.
 */
public final class CallingSchedule {

    /** How far ahead {@link #nextOpening} looks before it gives up (a schedule with no window at all). */
    static final int HORIZON_DAYS = 400;

    private final Map<DayOfWeek, List<CallingWindow>> byDay = new EnumMap<>(DayOfWeek.class);
    private final List<CallingWindow> windows;
    private final Set<LocalDate> blackoutDates;

    public CallingSchedule(Collection<CallingWindow> windows, Collection<LocalDate> blackoutDates) {
        this.windows = List.copyOf(windows);
        this.blackoutDates = Set.copyOf(blackoutDates);
        for (CallingWindow w : windows) {
            byDay.computeIfAbsent(w.day(), d -> new ArrayList<>()).add(w);
        }
    }

    public List<CallingWindow> windows() {
        return windows;
    }

    public Set<LocalDate> blackoutDates() {
        return blackoutDates;
    }

    /** Whether a call may start at this instant in this one zone: the window is read on the callee's wall clock. */
    public boolean admits(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        if (blackoutDates.contains(local.toLocalDate())) {
            return false;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        for (CallingWindow w : byDay.getOrDefault(local.getDayOfWeek(), List.of())) {
            if (w.admits(minute)) {
                return true;
            }
        }
        return false;
    }

    /** Callable at t in ALL the zones; an empty zone list (unknown zone) is never callable. */
    public boolean callable(Instant t, List<ZoneId> zones) {
        if (zones.isEmpty()) {
            return false;
        }
        for (ZoneId zone : zones) {
            if (!admits(t, zone)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant at or after t when the number is callable in all its zones, or empty when there is none
     * within {@value #HORIZON_DAYS} days (no window, or the zones' windows never overlap).
     *
     * <p>The callable set only changes at a minute when some zone's local minute enters a window (a window start),
     * at a zone's offset transition (DST: 02:30 may not exist, so the window opens at the transition) or at a local
     * midnight (blackout dates end). Those instants plus t are the only candidates, so checking each in order finds
     * the opening exactly.
     */
    public Optional<Instant> nextOpening(Instant t, List<ZoneId> zones) {
        if (zones.isEmpty() || windows.isEmpty()) {
            return Optional.empty();
        }
        Instant start = t;
        // one month at a time keeps the candidate set small when the opening is near (the usual case)
        for (int fromDay = 0; fromDay < HORIZON_DAYS; fromDay += 31) {
            Instant from = fromDay == 0 ? start : start.plusSeconds(86_400L * fromDay);
            Instant to = start.plusSeconds(86_400L * Math.min(fromDay + 31, HORIZON_DAYS));
            TreeSet<Instant> candidates = new TreeSet<>();
            candidates.add(from);
            for (ZoneId zone : zones) {
                addCandidates(candidates, zone, from, to);
            }
            for (Instant candidate : candidates.subSet(from, true, to, false)) {
                if (callable(candidate, zones)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private void addCandidates(TreeSet<Instant> out, ZoneId zone, Instant from, Instant to) {
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            out.add(day.atStartOfDay(zone).toInstant());
            for (CallingWindow w : byDay.getOrDefault(day.getDayOfWeek(), List.of())) {
                if (w.startMinute() > 0) {
                    // a start inside a DST gap resolves to the later offset; the transition below covers the gap's end.
                    // A start in the hour the clocks repeat happens twice: both instants are candidates.
                    ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(w.startMinute() / 60, w.startMinute() % 60), zone);
                    out.add(start.withEarlierOffsetAtOverlap().toInstant());
                    out.add(start.withLaterOffsetAtOverlap().toInstant());
                }
            }
        }
        ZoneOffsetTransition next = zone.getRules().nextTransition(from.minusSeconds(1));
        while (next != null && next.getInstant().isBefore(to)) {
            out.add(next.getInstant());
            next = zone.getRules().nextTransition(next.getInstant());
        }
    }

    /**
     * The intersection of two window sets, day by day: a minute is admitted when both admit it. Used to narrow a
     * campaign's windows to its rule pack's legal hours.
     */
    public static List<CallingWindow> intersect(Collection<CallingWindow> a, Collection<CallingWindow> b) {
        List<CallingWindow> out = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            boolean[] minutes = new boolean[1440];
            for (CallingWindow wa : a) {
                if (wa.day() != day) {
                    continue;
                }
                for (CallingWindow wb : b) {
                    if (wb.day() != day) {
                        continue;
                    }
                    for (int m = Math.max(wa.startMinute(), wb.startMinute()); m < Math.min(wa.endMinute(), wb.endMinute()); m++) {
                        minutes[m] = true;
                    }
                }
            }
            int m = 0;
            while (m < 1440) {
                if (!minutes[m]) {
                    m++;
                    continue;
                }
                int s = m;
                while (m < 1440 && minutes[m]) {
                    m++;
                }
                out.add(new CallingWindow(day, s, m));
            }
        }
        return out;
    }
}
