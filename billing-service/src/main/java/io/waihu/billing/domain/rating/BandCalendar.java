package io.waihu.billing.domain.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** The zone's rules, read once: the UTC offset of an instant without a ZonedDateTime. */
    private final ZoneRules rules;
    /** Holidays as epoch days, sorted, for a binary search by the local day of an instant. */
    private final long[] holidayDays;
    /** Per {@link DayKind} ordinal, the bands that cover that kind of day, in the order of {@link #bands}. */
    private final TimeBand[][] bandsByDay;
    /**
     * From this epoch second on the zone keeps one UTC offset for good (its last transition, in a zone without
     * recurring DST rules, e.g. Asia/Shanghai since 1991); Long.MAX_VALUE for a zone with DST rules.
     */
    private final long fixedOffsetFrom;
    private final int fixedOffset;

    /**
     * Within this many seconds of a change of the zone's UTC offset, {@link #nextChange} walks band edges with
     * {@link ZonedDateTime} (gaps and folds); elsewhere one offset holds and edges are plain arithmetic. Three days
     * cover the farthest edge it looks at (the next local midnight, within a day of the horizon) plus the largest
     * possible offset change (UTC-18:00 to UTC+18:00), so no local time in reach is in a gap or a fold.
     */
    private static final long OFFSET_CHANGE_MARGIN = 3 * 86_400L;

    public BandCalendar(List<TimeBand> bands, Set<LocalDate> holidays, ZoneId zone) {
        List<String> problems = problems(bands, holidays);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.bands = List.copyOf(bands);
        this.holidays = Set.copyOf(holidays);
        this.zone = zone;
        this.rules = zone.getRules();
        List<ZoneOffsetTransition> transitions = rules.getTransitions();
        if (rules.getTransitionRules().isEmpty()) {
            this.fixedOffsetFrom = transitions.isEmpty() ? Long.MIN_VALUE
                    : transitions.get(transitions.size() - 1).getInstant().getEpochSecond();
            this.fixedOffset = transitions.isEmpty() ? rules.getOffset(Instant.EPOCH).getTotalSeconds()
                    : transitions.get(transitions.size() - 1).getOffsetAfter().getTotalSeconds();
        } else {
            this.fixedOffsetFrom = Long.MAX_VALUE;
            this.fixedOffset = 0;
        }
        this.holidayDays = this.holidays.stream().mapToLong(LocalDate::toEpochDay).sorted().toArray();
        this.bandsByDay = new TimeBand[DayKind.values().length][];
        for (DayKind day : DayKind.values()) {
            bandsByDay[day.ordinal()] = this.bands.stream().filter(b -> b.days().contains(day)).toArray(TimeBand[]::new);
        }
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
        return bandAt(instant.getEpochSecond());
    }

    /** As {@link #bandAt(Instant)} for any instant within epoch second {@code epochSecond} (the band does not change within a second). */
    TimeBand bandAt(long epochSecond) {
        return bandAtLocal(epochSecond + offsetAt(epochSecond));
    }

    /** The zone's UTC offset within an epoch second, in seconds, as {@code instant.atZone(zone)} takes it. */
    private int offsetAt(long epochSecond) {
        // ZoneRules.getOffset(Instant) reads only the epoch second
        return epochSecond >= fixedOffsetFrom ? fixedOffset : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }

    /**
     * The band at a local time given as seconds since 1970-01-01T00:00 local: the same day kind and second of day
     * that {@code instant.atZone(zone)} gives, without building it.
     */
    private TimeBand bandAtLocal(long localEpochSecond) {
        long epochDay = Math.floorDiv(localEpochSecond, TimeBand.DAY);
        int second = (int) Math.floorMod(localEpochSecond, (long) TimeBand.DAY);
        // 1970-01-01 was a Thursday (ordinal 3 of MONDAY..SUNDAY)
        int dayKind = Arrays.binarySearch(holidayDays, epochDay) >= 0
                ? DayKind.HOLIDAY.ordinal() : (int) Math.floorMod(epochDay + 3, 7L);
        for (TimeBand band : bandsByDay[dayKind]) {
            if (second >= band.fromSecond() && second < band.toSecond()) {
                return band;
            }
        }
        throw new IllegalStateException("validated calendar has no band for " + LocalDate.ofEpochDay(epochDay) + " "
                + LocalTime.ofSecondOfDay(second) + " in " + zone);
    }

    /**
     * The first instant after {@code from} where the band's name changes, or null when it does not change before
     * {@code horizon}. Walks band edges, not seconds: a 72-hour call crosses a handful of them.
     */
    public Instant nextChange(Instant from, Instant horizon) {
        if (!from.isBefore(horizon)) {
            return null;
        }
        if (nearOffsetChange(from, horizon.getEpochSecond())) {
            return nextChangeAcrossOffsetChanges(from, horizon);
        }
        return instantOf(nextChangeWithOneOffset(from.getEpochSecond(), horizon.getEpochSecond(), horizon.getNano()));
    }

    /** What {@link #nextChange(long, long, int)} answers when the band does not change before the horizon. */
    static final long NO_CHANGE = Long.MIN_VALUE;

    /**
     * {@link #nextChange(Instant, Instant)} for {@code from} = (fromSecond, nano) and {@code horizon} =
     * (horizonSecond, nano), two instants as far apart as whole seconds (the segment walk's: the answer plus whole
     * seconds), without Instant objects: the epoch second of the change, or {@link #NO_CHANGE}. A change falls at
     * nanosecond 0 of that second, or (near a DST change, stepping past a fold) at {@code nano}.
     */
    long nextChange(long fromSecond, long horizonSecond, int nano) {
        if (fromSecond >= horizonSecond) {
            return NO_CHANGE;
        }
        if (fromSecond - OFFSET_CHANGE_MARGIN < fixedOffsetFrom) {
            Instant from = Instant.ofEpochSecond(fromSecond, nano);
            if (nearOffsetChange(from, horizonSecond)) {
                Instant change = nextChangeAcrossOffsetChanges(from, Instant.ofEpochSecond(horizonSecond, nano));
                return change == null ? NO_CHANGE : change.getEpochSecond();
            }
        }
        return nextChangeWithOneOffset(fromSecond, horizonSecond, nano);
    }

    /** Whether the zone's UTC offset changes within three days of [from, horizon]: then band edges need ZonedDateTime. */
    private boolean nearOffsetChange(Instant from, long horizonSecond) {
        if (from.getEpochSecond() - OFFSET_CHANGE_MARGIN >= fixedOffsetFrom) {
            return false;
        }
        ZoneOffsetTransition transition = rules.nextTransition(from.minusSeconds(OFFSET_CHANGE_MARGIN));
        return transition != null && transition.getInstant().getEpochSecond() <= horizonSecond + OFFSET_CHANGE_MARGIN;
    }

    /**
     * Band edges where one UTC offset holds from three days before to three days after: every local time in reach has
     * exactly one instant, and an edge is plain arithmetic. The epoch second of the change, or {@link #NO_CHANGE}.
     */
    private long nextChangeWithOneOffset(long fromSecond, long horizonSecond, int horizonNano) {
        int offset = offsetAt(fromSecond);
        String name = bandAtLocal(fromSecond + offset).name();
        long local = fromSecond + offset;
        for (int guard = 0; guard < 100_000; guard++) {
            long day = Math.floorDiv(local, TimeBand.DAY);
            TimeBand current = bandAtLocal(local);
            // the band's end (or midnight); later than the cursor, since the cursor is inside the band
            long edgeLocal = day * TimeBand.DAY + Math.min(current.toSecond(), TimeBand.DAY);
            long edgeSecond = edgeLocal - offset;
            if (edgeSecond > horizonSecond || (edgeSecond == horizonSecond && horizonNano == 0)) {
                return NO_CHANGE;
            }
            if (!bandAtLocal(edgeLocal).name().equals(name)) {
                return edgeSecond;
            }
            local = edgeLocal;
        }
        return NO_CHANGE;
    }

    private static Instant instantOf(long change) {
        return change == NO_CHANGE ? null : Instant.ofEpochSecond(change);
    }

    /** Band edges near a change of the zone's UTC offset (DST): the local times of a gap or a fold, as before. */
    private Instant nextChangeAcrossOffsetChanges(Instant from, Instant horizon) {
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
