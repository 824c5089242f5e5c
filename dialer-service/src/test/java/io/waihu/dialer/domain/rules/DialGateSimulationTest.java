package io.waihu.dialer.domain.rules;

import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.CallingWindow;
import io.waihu.events.campaign.DialPolicy;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 dial requests with random callee zones (multi-zone numbers included), random calling windows and blackout
 * dates, random do-not-call entries (numbers and prefixes, tenant-wide and per campaign, some expired) and random
 * clock times across a year (both DST changes of every zone), through the dial-time rule check. Every request it lets
 * through is checked again by an independent oracle written here: not one call outside a window in any of its zones,
 * on a blackout date, or to a suppressed number. (The abandon limit over 100,000 attempts is PacingSimulationTest's.)
 */
class DialGateSimulationTest {

    private static final List<List<String>> ZONE_SETS = List.of(
            List.of("Asia/Shanghai"), List.of("America/New_York"), List.of("America/Chicago", "America/New_York"),
            List.of("America/Los_Angeles", "America/Denver"), List.of("Europe/London"), List.of("Australia/Lord_Howe"),
            List.of("Australia/Sydney", "Australia/Perth"), List.of("Asia/Kolkata"), List.of("America/St_Johns"));
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void noRequestPassesOutsideItsWindowsOrToASuppressedNumber() {
        Random random = new Random(20261126);
        int passed = 0;
        int outside = 0;
        int suppressed = 0;
        for (int round = 0; round < 100; round++) {
            DialPolicy policy = randomPolicy(random);
            DialerCampaign campaign = new DialerCampaign("t1", "c1", "Camp", "PREDICTIVE", "US", DialerCampaign.Status.RUNNING,
                    List.of(), null, Instant.EPOCH, policy, null, null);
            List<SuppressionEntry> entries = randomEntries(random);
            for (int i = 0; i < 1_000; i++) {
                Instant now = YEAR_START.plusSeconds((long) (random.nextDouble() * 365 * 86_400));
                String number = "+1" + (200 + random.nextInt(3)) + String.format("%07d", random.nextInt(10_000_000));
                List<String> zones = ZONE_SETS.get(random.nextInt(ZONE_SETS.size()));
                DialRequest request = new DialRequest("t1", "a" + round + "-" + i, "c1", "ct" + i, number, zones,
                        now.plusSeconds(60), 1, 0, now);
                var drop = DialRuleCheck.check(request, campaign, entries, null, now);
                if (drop.isEmpty()) {
                    passed++;
                    assertThat(insideEverywhere(policy, zones, now)).as("%s at %s in %s", number, now, zones).isTrue();
                    assertThat(suppressedByOracle(entries, number, now)).as("%s at %s", number, now).isFalse();
                } else if (drop.get().reason() == io.waihu.events.dialer.DropReason.OUTSIDE_WINDOW) {
                    outside++;
                    assertThat(insideEverywhere(policy, zones, now)).as("wrongly held: %s at %s in %s", number, now, zones).isFalse();
                } else if (drop.get().reason() == io.waihu.events.dialer.DropReason.SUPPRESSED) {
                    suppressed++;
                    assertThat(suppressedByOracle(entries, number, now)).as("wrongly suppressed: %s at %s", number, now).isTrue();
                }
            }
        }
        // the random inputs exercise all three outcomes
        assertThat(passed).isGreaterThan(5_000);
        assertThat(outside).isGreaterThan(5_000);
        assertThat(suppressed).isGreaterThan(100);
    }

    /** The oracle: the local wall-clock time in every zone is inside a window of that weekday, and not a blackout. */
    private static boolean insideEverywhere(DialPolicy policy, List<String> zones, Instant now) {
        for (String zone : zones) {
            ZonedDateTime local = now.atZone(ZoneId.of(zone));
            if (policy.blackoutDates().contains(local.toLocalDate())) {
                return false;
            }
            int minute = local.getHour() * 60 + local.getMinute();
            boolean inside = false;
            for (CallingWindow w : policy.callingWindows()) {
                inside |= w.day() == local.getDayOfWeek() && minute >= w.startMinute() && minute < w.endMinute();
            }
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    private static boolean suppressedByOracle(List<SuppressionEntry> entries, String number, Instant now) {
        String digits = number.substring(1);
        for (SuppressionEntry e : entries) {
            boolean live = e.expiresAt() == null || now.isBefore(e.expiresAt());
            boolean scope = e.campaignId() == null || e.campaignId().equals("c1");
            boolean match = e.prefixMatch() ? digits.startsWith(e.digits()) : digits.equals(e.digits());
            if (live && scope && match) {
                return true;
            }
        }
        return false;
    }

    private static DialPolicy randomPolicy(Random random) {
        List<CallingWindow> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (random.nextInt(7) == 0) {
                continue; // a day without calls
            }
            int start = random.nextInt(16) * 60 + random.nextInt(4) * 15;
            int end = Math.min(1440, start + 60 + random.nextInt(12) * 60);
            windows.add(new CallingWindow(day, start, end));
        }
        List<LocalDate> blackouts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            blackouts.add(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365)));
        }
        return new DialPolicy(1, "+12125550100", windows, blackouts, 300, AbandonWindow.ROLLING_30_DAYS, "America/New_York",
                0, null, null);
    }

    private static List<SuppressionEntry> randomEntries(Random random) {
        List<SuppressionEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean prefix = random.nextInt(4) == 0;
            String digits = "1" + (200 + random.nextInt(3)) + (prefix ? String.valueOf(random.nextInt(100))
                    : String.format("%07d", random.nextInt(10_000_000)));
            String campaign = random.nextBoolean() ? null : random.nextBoolean() ? "c1" : "c2";
            Instant expires = random.nextInt(3) == 0 ? YEAR_START.plus(Duration.ofDays(random.nextInt(365))) : null;
            entries.add(new SuppressionEntry("e" + i, campaign, digits, prefix, expires));
        }
        return entries;
    }
}
