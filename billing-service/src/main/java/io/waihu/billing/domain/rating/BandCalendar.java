package io.waihu.billing.domain.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The time bands of a tariff, evaluated in the tariff's own zone, with its holidays. Validation guarantees that
 * every second of every day kind falls in exactly one band.
 */
public final class BandCalendar {

    private final List<TimeBand> bands;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    public BandCalendar(List<TimeBand> bands, Set<LocalDate> holidays, ZoneId zone) {
        List<String> problems = problems(bands, holidays);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.bands = List.copyOf(bands);
        this.holidays = Set.copyOf(holidays);
        this.zone = zone;
    }

    /** Gaps and overlaps per day kind; the holiday kind must be covered only when there are holidays. */
    public static List<String> problems(List<TimeBand> bands, Set<LocalDate> holidays) {
        List<String> out = new ArrayList<>();
        EnumSet<DayKind> required = EnumSet.range(DayKind.MONDAY, DayKind.SUNDAY);
        if (!holidays.isEmpty()) {
            required.add(DayKind.HOLIDAY);
        }
        for (DayKind day : required) {
            List<TimeBand> ofDay = bands.stream().filter(b -> b.days().contains(day))
                    .sorted(Comparator.comparingInt(TimeBand::fromSecond)).toList();
            int covered = 0;
            TimeBand previous = null;
            for (TimeBand band : ofDay) {
                if (band.fromSecond() > covered) {
                    out.add(day + ": no band from " + clock(covered) + " to " + clock(band.fromSecond()));
                } else if (band.fromSecond() < covered) {
                    out.add(day + ": bands " + previous.name() + " and " + band.name() + " overlap from "
                            + clock(band.fromSecond()) + " to " + clock(Math.min(covered, band.toSecond())));
                }
                if (band.toSecond() > covered) {
                    covered = band.toSecond();
                    previous = band;
                }
            }
            if (covered < TimeBand.DAY) {
                out.add(day + ": no band from " + clock(covered) + " to 24:00");
            }
        }
        return out;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<TimeBand> bands() {
        return bands;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public TimeBand bandAt(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        DayKind day = dayKind(local.toLocalDate());
        int second = local.toLocalTime().toSecondOfDay();
        for (TimeBand band : bands) {
            if (band.covers(day, second)) {
                return band;
            }
        }
        throw new IllegalStateException("validated calendar has no band for " + local);
    }

    /**
     * The first instant after {@code from} where the band's name changes, or null when it does not change before
     * {@code horizon}. Walks band edges, not seconds: a 72-hour call crosses a handful of them.
     */
    public Instant nextChange(Instant from, Instant horizon) {
        String name = bandAt(from).name();
        Instant cursor = from;
        for (int guard = 0; guard < 100_000 && cursor.isBefore(horizon); guard++) {
            ZonedDateTime local = cursor.atZone(zone);
            TimeBand current = bandAt(cursor);
            Instant edge;
            if (current.toSecond() >= TimeBand.DAY) {
                edge = local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            } else {
                edge = ZonedDateTime.of(local.toLocalDate(), LocalTime.ofSecondOfDay(current.toSecond()), zone).toInstant();
            }
            if (!edge.isAfter(cursor)) {
                // a DST fold repeats local times; step past it rather than loop
                edge = cursor.plusSeconds(1);
            }
            if (!edge.isBefore(horizon)) {
                return null;
            }
            if (!bandAt(edge).name().equals(name)) {
                return edge;
            }
            cursor = edge;
        }
        return null;
    }

    private DayKind dayKind(LocalDate date) {
        return holidays.contains(date) ? DayKind.HOLIDAY : DayKind.of(date.getDayOfWeek());
    }

    static String clock(int secondOfDay) {
        if (secondOfDay >= TimeBand.DAY) {
            return "24:00";
        }
        LocalTime time = LocalTime.ofSecondOfDay(secondOfDay);
        return time.getSecond() == 0 ? String.format("%02d:%02d", time.getHour(), time.getMinute()) : time.toString();
    }
}
