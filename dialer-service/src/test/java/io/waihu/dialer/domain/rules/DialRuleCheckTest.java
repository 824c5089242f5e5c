package io.waihu.dialer.domain.rules;

import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.events.campaign.AbandonWindow;
import io.waihu.events.campaign.CallingWindow;
import io.waihu.events.campaign.DialPolicy;
import io.waihu.events.dialer.DropReason;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DialRuleCheckTest {

    /** 08:00-21:00 every day, US style. */
    static DialPolicy eightToNine(List<LocalDate> blackouts, int coolOffHours) {
        List<CallingWindow> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(new CallingWindow(d, 8 * 60, 21 * 60));
        }
        return new DialPolicy(2, "+12125550100", windows, blackouts, 300, AbandonWindow.ROLLING_30_DAYS, "America/New_York", coolOffHours,
                null, null);
    }

    static DialerCampaign campaign(DialPolicy policy, DialerCampaign.Status status) {
        return new DialerCampaign("t1", "c1", "Camp", "PROGRESSIVE", "US", status, List.of(), null, Instant.EPOCH, policy, null, null);
    }

    static DialRequest request(String number, Instant deadline, String... zones) {
        return new DialRequest("t1", "a1", "c1", "k1", number, List.of(zones), deadline, 1, 0, Instant.EPOCH);
    }

    static Instant local(String zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    static Optional<Drop> check(DialerCampaign c, DialRequest r, Instant now) {
        return DialRuleCheck.check(r, c, List.of(), null, now);
    }

    static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void windowIsJudgedInTheCalleesLocalTimeAcrossTheSpringForwardChange() {
        DialerCampaign c = campaign(eightToNine(List.of(), 0), DialerCampaign.Status.RUNNING);
        DialRequest r = request("+12125550123", FAR, "America/New_York");
        // 2026-03-08: US clocks go 02:00 -> 03:00. 07:59 EDT is 11:59Z, 08:00 EDT is 12:00Z (the day before it was 13:00Z)
        assertThat(check(c, r, Instant.parse("2026-03-08T11:59:00Z"))).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
        assertThat(check(c, r, Instant.parse("2026-03-08T12:00:00Z"))).isEmpty();
        assertThat(check(c, r, Instant.parse("2026-03-07T12:30:00Z"))).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
        assertThat(check(c, r, Instant.parse("2026-03-07T13:00:00Z"))).isEmpty();
    }

    @Test
    void windowEndIsExclusiveAcrossTheFallBackChange() {
        DialerCampaign c = campaign(eightToNine(List.of(), 0), DialerCampaign.Status.RUNNING);
        DialRequest r = request("+12125550123", FAR, "America/New_York");
        // 2026-11-01: clocks go 02:00 EDT -> 01:00 EST; 21:00 EST is 02:00Z next day
        assertThat(check(c, r, Instant.parse("2026-11-02T01:59:00Z"))).isEmpty();
        assertThat(check(c, r, Instant.parse("2026-11-02T02:00:00Z"))).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
        assertThat(check(c, r, local("America/New_York", "2026-11-01T08:00"))).isEmpty();
        assertThat(check(c, r, local("America/New_York", "2026-11-01T07:59"))).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
    }

    @Test
    void aNumberInSeveralZonesMustBeInsideInEveryOne() {
        DialerCampaign c = campaign(eightToNine(List.of(), 0), DialerCampaign.Status.RUNNING);
        DialRequest both = request("+13105550123", FAR, "America/New_York", "America/Los_Angeles");
        // 09:00 in New York is 06:00 in Los Angeles: one zone is closed, so no call
        Instant nineInNewYork = local("America/New_York", "2026-06-10T09:00");
        Optional<Drop> drop = check(c, both, nineInNewYork);
        assertThat(drop).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
        assertThat(drop.get().detail()).contains("America/Los_Angeles");
        // 11:00 in New York is 08:00 in Los Angeles: open in both
        assertThat(check(c, both, local("America/New_York", "2026-06-10T11:00"))).isEmpty();
        // 20:30 in Los Angeles is 23:30 in New York
        assertThat(check(c, both, local("America/Los_Angeles", "2026-06-10T20:30"))).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
    }

    @Test
    void blackoutDateIsTheCalleesLocalDate() {
        DialerCampaign c = campaign(eightToNine(List.of(LocalDate.parse("2026-12-25")), 0), DialerCampaign.Status.RUNNING);
        DialRequest r = request("+861012345678", FAR, "Asia/Shanghai");
        // 2026-12-25 10:00 in Shanghai is still 12-25 02:00Z; 12-24 10:00 in Shanghai is fine
        Optional<Drop> drop = check(c, r, local("Asia/Shanghai", "2026-12-25T10:00"));
        assertThat(drop).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
        assertThat(drop.get().detail()).contains("blackout");
        assertThat(check(c, r, local("Asia/Shanghai", "2026-12-24T10:00"))).isEmpty();
        assertThat(check(c, r, local("Asia/Shanghai", "2026-12-26T10:00"))).isEmpty();
    }

    @Test
    void deadlineCampaignAndPolicyComeFirst() {
        Instant now = local("America/New_York", "2026-06-10T12:00");
        DialRequest late = request("+12125550123", now, "America/New_York");
        assertThat(check(campaign(eightToNine(List.of(), 0), DialerCampaign.Status.RUNNING), late, now))
                .map(Drop::reason).contains(DropReason.DEADLINE_PASSED);
        DialRequest r = request("+12125550123", FAR, "America/New_York");
        assertThat(DialRuleCheck.check(r, null, List.of(), null, now)).map(Drop::reason).contains(DropReason.CAMPAIGN_NOT_RUNNING);
        assertThat(check(campaign(eightToNine(List.of(), 0), DialerCampaign.Status.PAUSED), r, now))
                .map(Drop::reason).contains(DropReason.CAMPAIGN_NOT_RUNNING);
        // no dial policy: no window is known, so nothing is dialled
        assertThat(check(campaign(null, DialerCampaign.Status.RUNNING), r, now)).map(Drop::reason).contains(DropReason.OUTSIDE_WINDOW);
    }

    @Test
    void suppressionByNumberPrefixCampaignAndExpiry() {
        DialerCampaign c = campaign(eightToNine(List.of(), 0), DialerCampaign.Status.RUNNING);
        Instant now = local("America/New_York", "2026-06-10T12:00");
        DialRequest r = request("+12125550123", FAR, "America/New_York");
        SuppressionEntry exact = new SuppressionEntry("e1", null, "12125550123", false, null);
        SuppressionEntry otherNumber = new SuppressionEntry("e2", null, "1212555012", false, null);
        SuppressionEntry prefix = new SuppressionEntry("e3", null, "1212", true, null);
        SuppressionEntry otherCampaign = new SuppressionEntry("e4", "c2", "12125550123", false, null);
        SuppressionEntry thisCampaign = new SuppressionEntry("e5", "c1", "12125550123", false, null);
        SuppressionEntry expired = new SuppressionEntry("e6", null, "12125550123", false, now);
        SuppressionEntry notYetExpired = new SuppressionEntry("e7", null, "12125550123", false, now.plusSeconds(1));
        assertThat(DialRuleCheck.check(r, c, List.of(exact), null, now)).map(Drop::reason).contains(DropReason.SUPPRESSED);
        assertThat(DialRuleCheck.check(r, c, List.of(prefix), null, now)).map(Drop::reason).contains(DropReason.SUPPRESSED);
        assertThat(DialRuleCheck.check(r, c, List.of(thisCampaign), null, now)).map(Drop::reason).contains(DropReason.SUPPRESSED);
        assertThat(DialRuleCheck.check(r, c, List.of(notYetExpired), null, now)).map(Drop::reason).contains(DropReason.SUPPRESSED);
        assertThat(DialRuleCheck.check(r, c, List.of(otherNumber, otherCampaign, expired), null, now)).isEmpty();
    }

    @Test
    void noRedialWithinTheCoolOffAfterAnAbandon() {
        DialerCampaign c = campaign(eightToNine(List.of(), 72), DialerCampaign.Status.RUNNING);
        Instant now = local("America/New_York", "2026-06-10T12:00");
        DialRequest r = request("+12125550123", FAR, "America/New_York");
        assertThat(DialRuleCheck.check(r, c, List.of(), now.minusSeconds(72 * 3600 - 1), now)).map(Drop::reason)
                .contains(DropReason.ABANDON_COOL_OFF);
        assertThat(DialRuleCheck.check(r, c, List.of(), now.minusSeconds(72 * 3600), now)).isEmpty();
        DialerCampaign noCoolOff = campaign(eightToNine(List.of(), 0), DialerCampaign.Status.RUNNING);
        assertThat(DialRuleCheck.check(r, noCoolOff, List.of(), now.minusSeconds(60), now)).isEmpty();
    }
}
