package io.waihu.dialer.domain.abandon;

import io.waihu.events.campaign.AbandonWindow;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AbandonLedgerTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void bucketsAreQuarterHours() {
        assertThat(AbandonLedger.bucketOf(Instant.parse("2026-11-26T10:14:59Z"))).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(AbandonLedger.bucketOf(Instant.parse("2026-11-26T10:15:00Z"))).isEqualTo(Instant.parse("2026-11-26T10:15:00Z"));
        assertThat(AbandonLedger.bucketOf(Instant.parse("2026-11-26T10:59:59.999Z"))).isEqualTo(Instant.parse("2026-11-26T10:45:00Z"));
    }

    @Test
    void calendarDayIsMidnightToMidnightInTheRulePackZone() {
        AbandonLedger ledger = new AbandonLedger();
        // British summer time: London midnight of 2026-07-10 is 2026-07-09T23:00Z
        ledger.record(Instant.parse("2026-07-09T22:59:00Z"), true);   // 23:59 on the 9th in London
        ledger.record(Instant.parse("2026-07-09T23:00:00Z"), false);  // 00:00 on the 10th in London
        ledger.record(Instant.parse("2026-07-10T12:00:00Z"), true);
        AbandonLedger.Totals day = ledger.totals(AbandonWindow.CALENDAR_DAY, LONDON, Instant.parse("2026-07-10T13:00:00Z"));
        assertThat(day.windowStart()).isEqualTo(Instant.parse("2026-07-09T23:00:00Z"));
        assertThat(day.liveAnswers()).isEqualTo(2);
        assertThat(day.abandoned()).isEqualTo(1);
        assertThat(day.rateBasisPoints()).isEqualTo(5000);
        // a half-hour zone: Kolkata midnight is 18:30Z, still a whole bucket
        AbandonLedger india = new AbandonLedger();
        india.record(Instant.parse("2026-07-09T18:29:00Z"), true);
        india.record(Instant.parse("2026-07-09T18:30:00Z"), false);
        AbandonLedger.Totals indiaDay = india.totals(AbandonWindow.CALENDAR_DAY, KOLKATA, Instant.parse("2026-07-09T20:00:00Z"));
        assertThat(indiaDay.liveAnswers()).isEqualTo(1);
        assertThat(indiaDay.abandoned()).isZero();
    }

    @Test
    void rollingThirtyDaysForgetsOlderCalls() {
        AbandonLedger ledger = new AbandonLedger();
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        ledger.record(now.minusSeconds(31L * 86400), true);
        ledger.record(now.minusSeconds(29L * 86400), true);
        for (int i = 0; i < 99; i++) {
            ledger.record(now.minusSeconds(3600 + i), false);
        }
        AbandonLedger.Totals t = ledger.totals(AbandonWindow.ROLLING_30_DAYS, ZoneOffset.UTC, now);
        assertThat(t.liveAnswers()).isEqualTo(100);
        assertThat(t.abandoned()).isEqualTo(1);
        assertThat(t.rateBasisPoints()).isEqualTo(100);
        // calls "after now" (a simulated clock ahead of the wall clock) are not counted yet
        ledger.record(now.plusSeconds(3600), true);
        assertThat(ledger.totals(AbandonWindow.ROLLING_30_DAYS, ZoneOffset.UTC, now).abandoned()).isEqualTo(1);
        ledger.prune(now);
        assertThat(ledger.totals(AbandonWindow.ROLLING_30_DAYS, ZoneOffset.UTC, now).liveAnswers()).isEqualTo(100);
    }

    @Property(tries = 200)
    void totalsEqualTheCallsInsideTheWindow(@ForAll @IntRange(min = 0, max = 60 * 24 * 40) int minutesAgo,
                                            @ForAll boolean abandoned) {
        Instant now = Instant.parse("2026-11-26T12:07:00Z");
        Instant at = now.minusSeconds(minutesAgo * 60L);
        AbandonLedger ledger = new AbandonLedger();
        ledger.record(at, abandoned);
        AbandonLedger.Totals t = ledger.totals(AbandonWindow.ROLLING_30_DAYS, ZoneOffset.UTC, now);
        boolean inside = !AbandonLedger.bucketOf(at).isBefore(AbandonLedger.windowStart(AbandonWindow.ROLLING_30_DAYS, ZoneOffset.UTC, now));
        assertThat(t.liveAnswers()).isEqualTo(inside ? 1 : 0);
        assertThat(t.abandoned()).isEqualTo(inside && abandoned ? 1 : 0);
        // the window is 30 days, give or take the quarter hour of the oldest bucket
        if (minutesAgo < 30 * 24 * 60) {
            assertThat(inside).isTrue();
        }
        if (minutesAgo > 30 * 24 * 60 + 15) {
            assertThat(inside).isFalse();
        }
    }
}
