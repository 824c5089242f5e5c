package io.waihu.campaign.domain;

import io.waihu.events.campaign.CallingWindow;
import io.waihu.events.dialer.CallDisposition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random contacts, zones, suppressions and clock times: the hopper never releases outside a window, to a
 * suppressed number, above the attempt maximum or before a retry is due; deferrals always move forward.
 */
class HopperRulesPropertyTest {

    /** Numbers in several zones (and one libphonenumber cannot place). */
    static final List<String> NUMBERS = List.of("+12125550123", "+14155550123", "+13125550123", "+442071838750",
            "+8613800138000", "+61293744000", "+81312345678", "+80012345678", "+14255550123", "+16175550123");
    static final List<String> OVERRIDES = List.of("America/New_York", "Europe/London", "Asia/Shanghai", "Australia/Lord_Howe",
            "Pacific/Chatham", "America/St_Johns");
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 365L * 24 * 3600).map(FROM::plusSeconds);
    }

    @Provide
    Arbitrary<CallingSchedule> schedules() {
        Arbitrary<CallingWindow> window = Combinators.combine(Arbitraries.of(DayOfWeek.class), Arbitraries.integers().between(0, 1380),
                Arbitraries.integers().between(1, 600)).as((d, s, len) -> new CallingWindow(d, s, Math.min(1440, s + len)));
        Arbitrary<List<java.time.LocalDate>> blackouts = Arbitraries.integers().between(0, 364)
                .map(i -> java.time.LocalDate.of(2026, 1, 1).plusDays(i)).list().ofMaxSize(5);
        return Combinators.combine(window.list().ofMinSize(1).ofMaxSize(8), blackouts).as(CallingSchedule::new);
    }

    @Provide
    Arbitrary<HopperRules.Candidate> candidates() {
        Arbitrary<List<String>> phones = Arbitraries.of(NUMBERS).list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<String> override = Arbitraries.of(OVERRIDES).injectNull(0.6);
        Arbitrary<List<Instant>> recent = instants().list().ofMaxSize(6);
        Arbitrary<Instant> next = instants().injectNull(0.2);
        Arbitrary<Instant> abandon = instants().injectNull(0.7);
        return Combinators.combine(Arbitraries.integers().between(0, 6), next, phones, override, Arbitraries.of(true, false), recent, abandon)
                .as((attempts, nextAt, ph, ov, consent, rec, ab) -> new HopperRules.Candidate(UUID.randomUUID(), attempts, nextAt, ph, ov,
                        consent, rec, ab));
    }

    @Provide
    Arbitrary<SuppressionMatcher> suppressions() {
        Arbitrary<SuppressionMatcher.Entry> entry = Combinators.combine(Arbitraries.of(NUMBERS), Arbitraries.integers().between(1, 12),
                        Arbitraries.of(true, false), instants().injectNull(0.5))
                .as((n, len, prefix, exp) -> {
                    String digits = SuppressionMatcher.digits(n);
                    return new SuppressionMatcher.Entry(prefix ? digits.substring(0, Math.min(len, digits.length())) : digits, prefix, exp);
                });
        return entry.list().ofMaxSize(4).map(SuppressionMatcher::new);
    }

    @Provide
    Arbitrary<HopperRules.Limits> limits() {
        return Combinators.combine(schedules(), Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 7), Arbitraries.of(true, false), Arbitraries.of(0, 72))
                .as(HopperRules.Limits::new);
    }

    @Property(tries = 3000)
    void releasesOnlyWhatMayBeCalledNow(@ForAll("candidates") HopperRules.Candidate c, @ForAll("limits") HopperRules.Limits limits,
                                        @ForAll("suppressions") SuppressionMatcher suppression, @ForAll("instants") Instant now) {
        HopperRules.Decision d = HopperRules.decide(c, limits, suppression, now);
        if (d instanceof HopperRules.Release r) {
            assertThat(c.phones()).contains(r.number());
            assertThat(r.zones()).isNotEmpty().isEqualTo(CalleeZones.of(r.number(), c.zoneOverride()));
            CalleeZones.Reading reading = CalleeZones.read(r.number(), c.zoneOverride());
            assertThat(r.numberType()).isEqualTo(reading.numberType());
            assertThat(r.rangeCarrier()).isEqualTo(reading.rangeCarrier());
            for (ZoneId zone : r.zones()) {
                assertThat(limits.schedule().admits(now, zone)).as("inside the window in %s", zone).isTrue();
                assertThat(limits.schedule().blackoutDates()).doesNotContain(now.atZone(zone).toLocalDate());
            }
            assertThat(suppression.blockedUntil(r.number(), now)).as("suppressed number released").isEmpty();
            assertThat(r.attemptNumber()).isEqualTo(c.attempts() + 1).isLessThanOrEqualTo(limits.maxAttemptsPerContact());
            if (c.nextAttemptAt() != null) {
                assertThat(c.nextAttemptAt()).isBeforeOrEqualTo(now);
            }
            if (limits.consentRequired()) {
                assertThat(c.hasConsent()).isTrue();
            }
            if (c.lastAbandonAt() != null && limits.noRedialAfterAbandonHours() > 0) {
                assertThat(c.lastAbandonAt().plus(Duration.ofHours(limits.noRedialAfterAbandonHours()))).isBeforeOrEqualTo(now);
            }
            assertThat(c.recentAttempts().stream().filter(a -> a.isAfter(now.minus(Duration.ofDays(1))) && !a.isAfter(now)).count())
                    .isLessThan(limits.maxAttemptsPerDay());
            assertThat(c.recentAttempts().stream().filter(a -> a.isAfter(now.minus(Duration.ofDays(7))) && !a.isAfter(now)).count())
                    .isLessThan(limits.maxAttemptsPer7Days());
        } else if (d instanceof HopperRules.Defer defer) {
            assertThat(defer.until()).as("a deferral moves forward").isAfter(now);
        }
    }

    /** A deferral for the window is exact: at that instant the number is callable, and not one minute earlier. */
    @Property(tries = 500)
    void windowDeferralPointsAtTheOpening(@ForAll("candidates") HopperRules.Candidate c, @ForAll("schedules") CallingSchedule schedule,
                                          @ForAll("instants") Instant now) {
        HopperRules.Limits limits = new HopperRules.Limits(schedule, 100, 100, 100, false, 0);
        HopperRules.Candidate fresh = new HopperRules.Candidate(c.contactId(), 0, null, c.phones(), c.zoneOverride(), true, List.of(), null);
        HopperRules.Decision d = HopperRules.decide(fresh, limits, SuppressionMatcher.none(), now);
        if (d instanceof HopperRules.Defer defer && defer.why().equals("OUTSIDE_WINDOW")) {
            boolean someNumberOpens = fresh.phones().stream().anyMatch(n -> schedule.callable(defer.until(), CalleeZones.of(n, c.zoneOverride())));
            assertThat(someNumberOpens).isTrue();
            // openings are minute-aligned; a minute earlier (but after now) no number of the contact was callable yet
            Instant before = defer.until().minusSeconds(60);
            if (before.isAfter(now)) {
                boolean earlier = fresh.phones().stream().anyMatch(n -> schedule.callable(before, CalleeZones.of(n, c.zoneOverride())));
                assertThat(earlier).as("callable a minute before the computed opening").isFalse();
            }
            assertThat(HopperRules.decide(fresh, limits, SuppressionMatcher.none(), defer.until())).isInstanceOf(HopperRules.Release.class);
        }
    }

    private final java.util.Random random = new java.util.Random();

    @BeforeTry
    void reseed() {
        random.setSeed(System.nanoTime());
    }

    /**
     * A contact's whole life in a campaign: the hopper looks at random times, calls end with random dispositions,
     * retries are planned by RetryPlan. Releases never exceed the maximum, never come before the retry is due, and
     * a due contact inside its window is released at its due time.
     */
    @Property(tries = 400)
    void aContactsLifeRespectsCapsAndRetryTimes(@ForAll("limits") HopperRules.Limits limits, @ForAll("instants") Instant start,
                                                @ForAll("suppressions") SuppressionMatcher suppression) {
        List<String> phones = List.of(NUMBERS.get(random.nextInt(NUMBERS.size())));
        Map<CallDisposition, Duration> delays = RetryPlan.DEFAULT_DELAYS;
        int attempts = 0;
        Instant nextAt = null;
        Instant lastAbandon = null;
        List<Instant> history = new ArrayList<>();
        boolean done = false;
        Instant t = start;
        for (int step = 0; step < 60 && !done; step++) {
            HopperRules.Candidate c = new HopperRules.Candidate(UUID.randomUUID(), attempts, nextAt, phones, null, true, List.copyOf(history), lastAbandon);
            HopperRules.Decision d = HopperRules.decide(c, limits, suppression, t);
            if (d instanceof HopperRules.Release r) {
                assertThat(r.attemptNumber()).isLessThanOrEqualTo(limits.maxAttemptsPerContact());
                if (nextAt != null) {
                    assertThat(t).as("released before the retry was due").isAfterOrEqualTo(nextAt);
                }
                attempts++;
                history.add(t);
                CallDisposition disposition = CallDisposition.values()[random.nextInt(CallDisposition.values().length)];
                Instant ended = t.plusSeconds(5 + random.nextInt(300));
                boolean abandoned = disposition == CallDisposition.ABANDONED
                        || disposition == CallDisposition.ANSWERED_HUMAN && random.nextInt(10) == 0;
                RetryPlan.Next next = RetryPlan.afterCall(disposition, abandoned, ended, attempts, limits.maxAttemptsPerContact(),
                        delays, limits.noRedialAfterAbandonHours());
                if (abandoned) {
                    lastAbandon = ended;
                }
                if (next.done()) {
                    assertThat(disposition == CallDisposition.ANSWERED_HUMAN && !abandoned || attempts >= limits.maxAttemptsPerContact()).isTrue();
                    done = true;
                } else {
                    Instant expected = ended.plus(delays.get(abandoned ? CallDisposition.ABANDONED : disposition));
                    Instant coolOff = ended.plus(Duration.ofHours(limits.noRedialAfterAbandonHours()));
                    if (abandoned && coolOff.isAfter(expected)) {
                        expected = coolOff;
                    }
                    assertThat(next.nextAttemptAt()).isEqualTo(expected);
                    nextAt = next.nextAttemptAt();
                    // the hopper looks again exactly at the due time, or a little later
                    t = random.nextBoolean() ? nextAt : nextAt.plusSeconds(random.nextInt(7200));
                }
            } else if (d instanceof HopperRules.Defer defer) {
                assertThat(defer.until()).isAfter(t);
                t = defer.until();
            } else {
                done = true;
            }
        }
        assertThat(attempts).isLessThanOrEqualTo(limits.maxAttemptsPerContact());
    }

    @Property(tries = 200)
    void aDueContactInsideItsWindowIsReleasedAtItsDueTime(@ForAll("instants") Instant due) {
        // every minute open, no caps in the way: due means released at that very instant, not a minute later
        CallingSchedule always = new CallingSchedule(CallingScheduleTest.everyDay(0, 1440), List.of());
        HopperRules.Limits limits = new HopperRules.Limits(always, 5, 5, 5, false, 0);
        HopperRules.Candidate c = new HopperRules.Candidate(UUID.randomUUID(), 1, due, List.of("+12125550123"), null, false, List.of(), null);
        assertThat(HopperRules.decide(c, limits, SuppressionMatcher.none(), due.minusSeconds(1))).isInstanceOf(HopperRules.Defer.class);
        assertThat(HopperRules.decide(c, limits, SuppressionMatcher.none(), due)).isInstanceOf(HopperRules.Release.class);
    }

    @Property(tries = 300)
    void suppressionMatchesExactAndPrefixEntries(@ForAll("instants") Instant now) {
        SuppressionMatcher m = new SuppressionMatcher(List.of(new SuppressionMatcher.Entry("1212", true, null),
                new SuppressionMatcher.Entry("442071838750", false, now.plusSeconds(60)),
                new SuppressionMatcher.Entry("8613800138000", false, now.minusSeconds(1))));
        assertThat(m.blockedUntil("+12125550123", now)).contains(Instant.MAX);
        assertThat(m.blockedUntil("+14155550123", now)).isEmpty();
        assertThat(m.blockedUntil("+442071838750", now)).contains(now.plusSeconds(60));
        assertThat(m.blockedUntil("+4420718387501", now)).isEmpty(); // exact entries do not match longer numbers
        assertThat(m.blockedUntil("+8613800138000", now)).isEmpty(); // expired
        assertThat(Optional.of(SuppressionMatcher.prefixes("+123"))).contains(List.of("1", "12", "123"));
    }
}
