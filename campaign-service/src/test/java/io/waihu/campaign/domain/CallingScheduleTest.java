package io.waihu.campaign.domain;

import io.waihu.events.campaign.CallingWindow;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Calling windows on the callee's wall clock, across zones and on DST change days. */
class CallingScheduleTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    static List<CallingWindow> everyDay(int startMinute, int endMinute) {
        List<CallingWindow> out = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            out.add(new CallingWindow(d, startMinute, endMinute));
        }
        return out;
    }

    static final CallingSchedule US_HOURS = new CallingSchedule(everyDay(8 * 60, 21 * 60), List.of());

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void newYorkSpringForwardUsesTheNewOffsetForTheWholeDay() {
        List<ZoneId> ny = List.of(NEW_YORK);
        // 2026-03-08 02:00 EST -> 03:00 EDT: 08:00 local is 12:00Z (a fixed -05:00 would say 13:00Z)
        assertThat(US_HOURS.callable(at("2026-03-08T11:59:00Z"), ny)).isFalse();
        assertThat(US_HOURS.callable(at("2026-03-08T12:00:00Z"), ny)).isTrue();
        // 21:00 EDT = 01:00Z the next day, end exclusive
        assertThat(US_HOURS.callable(at("2026-03-09T00:59:59Z"), ny)).isTrue();
        assertThat(US_HOURS.callable(at("2026-03-09T01:00:00Z"), ny)).isFalse();
        // the day before is still EST
        assertThat(US_HOURS.callable(at("2026-03-07T12:30:00Z"), ny)).isFalse();
        assertThat(US_HOURS.callable(at("2026-03-07T13:00:00Z"), ny)).isTrue();
        assertThat(US_HOURS.nextOpening(at("2026-03-08T05:00:00Z"), ny)).contains(at("2026-03-08T12:00:00Z"));
    }

    @Test
    void aWindowStartingInTheRepeatedFallBackHourOpensAgainInItsSecondOccurrence() {
        // 2026-11-01 02:00 EDT -> 01:00 EST in New York: 01:30 local happens at 05:30Z and again at 06:30Z
        CallingSchedule s = new CallingSchedule(List.of(new CallingWindow(DayOfWeek.SUNDAY, 90, 180),
                new CallingWindow(DayOfWeek.SUNDAY, 135, 165)), List.of());
        List<ZoneId> ny = List.of(NEW_YORK);
        assertThat(s.callable(at("2026-11-01T06:10:00Z"), ny)).isFalse(); // 01:10 EST
        assertThat(s.callable(at("2026-11-01T06:30:00Z"), ny)).isTrue();  // 01:30 EST
        assertThat(s.nextOpening(at("2026-11-01T06:10:00Z"), ny)).contains(at("2026-11-01T06:30:00Z"));
        assertThat(s.nextOpening(at("2026-11-01T05:10:00Z"), ny)).contains(at("2026-11-01T05:30:00Z")); // 01:30 EDT
    }

    @Test
    void aWindowStartingInsideTheSpringGapOpensWhenTheGapEnds() {
        // 02:30-04:00 on Sundays; on 2026-03-08 02:30 never happens in New York, the clock jumps 02:00 -> 03:00
        CallingSchedule s = new CallingSchedule(List.of(new CallingWindow(DayOfWeek.SUNDAY, 150, 240)), List.of());
        List<ZoneId> ny = List.of(NEW_YORK);
        assertThat(s.nextOpening(at("2026-03-08T05:00:00Z"), ny)).contains(at("2026-03-08T07:00:00Z")); // 03:00 EDT
        assertThat(s.callable(at("2026-03-08T06:59:59Z"), ny)).isFalse(); // 01:59:59 EST
        assertThat(s.callable(at("2026-03-08T07:59:00Z"), ny)).isTrue();  // 03:59 EDT
        assertThat(s.callable(at("2026-03-08T08:00:00Z"), ny)).isFalse(); // 04:00 EDT
    }

    @Test
    void newYorkFallBackAdmitsBothOccurrencesOfTheRepeatedHour() {
        List<ZoneId> ny = List.of(NEW_YORK);
        CallingSchedule s = new CallingSchedule(List.of(new CallingWindow(DayOfWeek.SUNDAY, 60, 105)), List.of()); // 01:00-01:45
        assertThat(s.callable(at("2026-11-01T05:30:00Z"), ny)).isTrue();  // 01:30 EDT
        assertThat(s.callable(at("2026-11-01T05:50:00Z"), ny)).isFalse(); // 01:50 EDT
        assertThat(s.callable(at("2026-11-01T06:30:00Z"), ny)).isTrue();  // 01:30 EST, the second time
        assertThat(s.callable(at("2026-11-01T06:50:00Z"), ny)).isFalse(); // 01:50 EST
        // 08:00 EST on the change day is 13:00Z
        assertThat(US_HOURS.callable(at("2026-11-01T12:59:00Z"), ny)).isFalse();
        assertThat(US_HOURS.callable(at("2026-11-01T13:00:00Z"), ny)).isTrue();
        assertThat(US_HOURS.callable(at("2026-11-02T01:59:00Z"), ny)).isTrue();  // 20:59 EST
        assertThat(US_HOURS.callable(at("2026-11-02T02:00:00Z"), ny)).isFalse(); // 21:00 EST
    }

    @Test
    void londonAcrossBothChanges() {
        List<ZoneId> london = List.of(LONDON);
        // 2026-03-29 01:00 GMT -> 02:00 BST
        assertThat(US_HOURS.callable(at("2026-03-29T06:59:00Z"), london)).isFalse();
        assertThat(US_HOURS.callable(at("2026-03-29T07:00:00Z"), london)).isTrue();
        assertThat(US_HOURS.callable(at("2026-03-29T19:59:00Z"), london)).isTrue();
        assertThat(US_HOURS.callable(at("2026-03-29T20:00:00Z"), london)).isFalse();
        // 2026-10-25 02:00 BST -> 01:00 GMT
        assertThat(US_HOURS.callable(at("2026-10-25T07:59:00Z"), london)).isFalse();
        assertThat(US_HOURS.callable(at("2026-10-25T08:00:00Z"), london)).isTrue();
        assertThat(US_HOURS.nextOpening(at("2026-10-25T00:00:00Z"), london)).contains(at("2026-10-25T08:00:00Z"));
    }

    @Test
    void shanghaiHasNoDst() {
        List<ZoneId> sh = List.of(SHANGHAI);
        CallingSchedule s = new CallingSchedule(everyDay(9 * 60, 20 * 60), List.of());
        assertThat(s.callable(at("2026-07-01T00:59:00Z"), sh)).isFalse();
        assertThat(s.callable(at("2026-07-01T01:00:00Z"), sh)).isTrue();
        assertThat(s.callable(at("2026-07-01T11:59:00Z"), sh)).isTrue();
        assertThat(s.callable(at("2026-07-01T12:00:00Z"), sh)).isFalse();
        assertThat(s.nextOpening(at("2026-07-01T12:00:00Z"), sh)).contains(at("2026-07-02T01:00:00Z"));
    }

    @Test
    void lordHoweThirtyMinuteDst() {
        List<ZoneId> lh = List.of(LORD_HOWE);
        CallingSchedule nine = new CallingSchedule(everyDay(9 * 60, 17 * 60), List.of());
        // summer (+11:00): 09:00 on 2026-01-15 is 2026-01-14T22:00Z
        assertThat(nine.callable(at("2026-01-14T21:59:00Z"), lh)).isFalse();
        assertThat(nine.callable(at("2026-01-14T22:00:00Z"), lh)).isTrue();
        // winter (+10:30): 09:00 on 2026-06-15 is 2026-06-14T22:30Z
        assertThat(nine.callable(at("2026-06-14T22:29:00Z"), lh)).isFalse();
        assertThat(nine.callable(at("2026-06-14T22:30:00Z"), lh)).isTrue();
        // 2026-10-04 02:00 -> 02:30: a window 02:05-02:25 lies wholly in the gap and never opens that Sunday
        CallingSchedule gap = new CallingSchedule(List.of(new CallingWindow(DayOfWeek.SUNDAY, 125, 145)), List.of());
        Instant sundayMidnight = LocalDate.of(2026, 10, 4).atStartOfDay(LORD_HOWE).toInstant();
        Instant nextSunday = LocalDate.of(2026, 10, 11).atTime(2, 5).atZone(LORD_HOWE).toInstant();
        assertThat(gap.nextOpening(sundayMidnight, lh)).contains(nextSunday);
        // 2026-04-05 02:00 -> 01:30: 01:45 happens twice, both admitted by 01:30-02:00
        CallingSchedule repeated = new CallingSchedule(List.of(new CallingWindow(DayOfWeek.SUNDAY, 90, 120)), List.of());
        assertThat(repeated.callable(at("2026-04-04T14:45:00Z"), lh)).isTrue(); // 01:45 +11:00
        assertThat(repeated.callable(at("2026-04-04T15:15:00Z"), lh)).isTrue(); // 01:45 +10:30
        assertThat(repeated.callable(at("2026-04-04T15:31:00Z"), lh)).isFalse(); // 02:01 +10:30
    }

    @Test
    void severalZonesMustAllBeInside() {
        List<ZoneId> both = List.of(NEW_YORK, LOS_ANGELES);
        // 08:00 in LA = 11:00 in NY; 21:00 in NY = 18:00 in LA (summer, both EDT/PDT)
        assertThat(US_HOURS.callable(at("2026-07-01T14:59:00Z"), both)).isFalse(); // 07:59 LA
        assertThat(US_HOURS.callable(at("2026-07-01T15:00:00Z"), both)).isTrue();
        assertThat(US_HOURS.callable(at("2026-07-02T00:59:00Z"), both)).isTrue();  // 20:59 NY
        assertThat(US_HOURS.callable(at("2026-07-02T01:00:00Z"), both)).isFalse(); // 21:00 NY
        assertThat(US_HOURS.nextOpening(at("2026-07-02T01:00:00Z"), both)).contains(at("2026-07-02T15:00:00Z"));
        assertThat(US_HOURS.callable(at("2026-07-01T15:00:00Z"), List.of())).isFalse();
        assertThat(US_HOURS.nextOpening(at("2026-07-01T15:00:00Z"), List.of())).isEmpty();
    }

    @Test
    void blackoutDatesAreCalleeLocal() {
        CallingSchedule s = new CallingSchedule(everyDay(8 * 60, 21 * 60), List.of(LocalDate.of(2026, 12, 25)));
        // 2026-12-25T02:00Z is still the 24th 21:00... in LA it is 18:00 on the 24th: callable there
        assertThat(s.callable(at("2026-12-25T02:00:00Z"), List.of(LOS_ANGELES))).isTrue();
        assertThat(s.callable(at("2026-12-25T15:00:00Z"), List.of(NEW_YORK))).isFalse();
        assertThat(s.nextOpening(at("2026-12-25T15:00:00Z"), List.of(NEW_YORK))).contains(at("2026-12-26T13:00:00Z"));
    }

    @Test
    void intersectionKeepsOnlyMinutesBothAllow() {
        List<CallingWindow> campaign = List.of(new CallingWindow(DayOfWeek.MONDAY, 7 * 60, 22 * 60),
                new CallingWindow(DayOfWeek.TUESDAY, 9 * 60, 12 * 60), new CallingWindow(DayOfWeek.TUESDAY, 13 * 60, 20 * 60));
        List<CallingWindow> legal = everyDay(8 * 60, 21 * 60);
        assertThat(CallingSchedule.intersect(campaign, legal)).containsExactly(
                new CallingWindow(DayOfWeek.MONDAY, 8 * 60, 21 * 60),
                new CallingWindow(DayOfWeek.TUESDAY, 9 * 60, 12 * 60),
                new CallingWindow(DayOfWeek.TUESDAY, 13 * 60, 20 * 60));
    }

    @Test
    void zonesComeFromTheNumberUnlessOverridden() {
        assertThat(CalleeZones.of("+14155550100", null)).containsExactly(LOS_ANGELES);
        assertThat(CalleeZones.of("+8613800138000", null)).containsExactly(SHANGHAI);
        assertThat(CalleeZones.of("+442071838750", null)).containsExactly(LONDON);
        assertThat(CalleeZones.of("+14155550100", "Australia/Lord_Howe")).containsExactly(LORD_HOWE);
        assertThat(CalleeZones.of("+14155550100", "Not/AZone")).isEmpty();
        assertThat(CalleeZones.of("not a number", null)).isEmpty();
        // a number libphonenumber cannot place (international freephone) has no zone, so it is never callable
        assertThat(US_HOURS.callable(at("2026-07-01T16:00:00Z"), CalleeZones.of("+80012345678", null))).isFalse();
    }
}
