package io.waihu.campaign.domain;

import io.waihu.events.NumberType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether the hopper may release a contact now, and if not, when to look again or why never. Pure: the SQL
 * selection only narrows the candidates (due, not done, not outstanding, active, in segment); every rule that
 * could let a call out at the wrong time or to the wrong number is decided here, where it is property-tested.
 */
public final class HopperRules {

    /** A campaign's limits as the hopper applies them. */
    public record Limits(CallingSchedule schedule, int maxAttemptsPerContact, int maxAttemptsPerDay,
                         int maxAttemptsPer7Days, boolean consentRequired, int noRedialAfterAbandonHours) {
    }

    /**
     * One contact of a campaign.
     *
     * @param attempts attempts released so far (not counting drops the dialer never dialled)
     * @param recentAttempts when each attempt of the last 7 days was released
     */
    public record Candidate(UUID contactId, int attempts, Instant nextAttemptAt, List<String> phones,
                            String zoneOverride, boolean hasConsent, List<Instant> recentAttempts,
                            Instant lastAbandonAt) {
    }

    public sealed interface Decision permits Release, Defer, Done {
    }

    /**
     * Dial this number now.
     *
     * @param numberType libphonenumber's reading of the number, made while finding its zones (null when not carried)
     * @param rangeCarrier the range owner from the same reading, or null
     */
    public record Release(String number, List<ZoneId> zones, int attemptNumber, NumberType numberType, String rangeCarrier)
            implements Decision {
    }

    /** Not now; look again at {@code until}. */
    public record Defer(Instant until, String why) implements Decision {
    }

    /** Never (again) in this campaign. */
    public record Done(String reason) implements Decision {
    }

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    /** When no window ever opens for the number's zones, look again tomorrow (settings may change meanwhile). */
    private static final Duration NO_OPENING_RETRY = Duration.ofDays(1);

    private HopperRules() {
    }

    public static Decision decide(Candidate c, Limits limits, SuppressionMatcher suppression, Instant now) {
        if (limits.consentRequired() && !c.hasConsent()) {
            return new Done("NO_CONSENT");
        }
        if (c.attempts() >= limits.maxAttemptsPerContact()) {
            return new Done("MAX_ATTEMPTS");
        }
        if (c.nextAttemptAt() != null && c.nextAttemptAt().isAfter(now)) {
            return new Defer(c.nextAttemptAt(), "RETRY_NOT_DUE");
        }
        if (c.lastAbandonAt() != null && limits.noRedialAfterAbandonHours() > 0) {
            Instant coolOffEnds = c.lastAbandonAt().plus(Duration.ofHours(limits.noRedialAfterAbandonHours()));
            if (coolOffEnds.isAfter(now)) {
                return new Defer(coolOffEnds, "ABANDON_COOL_OFF");
            }
        }
        Optional<Instant> capEnds = capEnds(c.recentAttempts(), now, DAY, limits.maxAttemptsPerDay());
        Optional<Instant> weekCapEnds = capEnds(c.recentAttempts(), now, WEEK, limits.maxAttemptsPer7Days());
        if (weekCapEnds.isPresent() && (capEnds.isEmpty() || weekCapEnds.get().isAfter(capEnds.get()))) {
            capEnds = weekCapEnds;
        }
        if (capEnds.isPresent()) {
            return new Defer(capEnds.get(), "FREQUENCY_CAP");
        }
        if (c.phones().isEmpty()) {
            return new Done("NO_NUMBER");
        }
        // rotate through the contact's numbers, one per attempt, skipping suppressed ones
        Instant earliestUnblock = Instant.MAX;
        boolean anyZone = false;
        Instant earliestOpening = null;
        int n = c.phones().size();
        for (int i = 0; i < n; i++) {
            String number = c.phones().get((c.attempts() + i) % n);
            Optional<Instant> blocked = suppression.blockedUntil(number, now);
            if (blocked.isPresent()) {
                earliestUnblock = blocked.get().isBefore(earliestUnblock) ? blocked.get() : earliestUnblock;
                continue;
            }
            // one reading per number tried: its zones now, its type and range owner for the DialRequested
            CalleeZones.Reading reading = CalleeZones.read(number, c.zoneOverride());
            List<ZoneId> zones = reading.zones();
            if (zones.isEmpty()) {
                continue;
            }
            anyZone = true;
            if (limits.schedule().callable(now, zones)) {
                return new Release(number, zones, c.attempts() + 1, reading.numberType(), reading.rangeCarrier());
            }
            Optional<Instant> opening = limits.schedule().nextOpening(now, zones);
            if (opening.isPresent() && (earliestOpening == null || opening.get().isBefore(earliestOpening))) {
                earliestOpening = opening.get();
            }
        }
        if (earliestOpening != null) {
            return new Defer(earliestOpening, "OUTSIDE_WINDOW");
        }
        if (anyZone) {
            return new Defer(now.plus(NO_OPENING_RETRY), "NO_WINDOW");
        }
        if (earliestUnblock != Instant.MAX) {
            // every number is blocked (or unknown) for now; a suppression expires then
            return new Defer(earliestUnblock, "SUPPRESSED");
        }
        boolean allSuppressed = c.phones().stream().allMatch(p -> suppression.blockedUntil(p, now).isPresent());
        return new Done(allSuppressed ? "SUPPRESSED" : "UNKNOWN_ZONE");
    }

    /** When the count of attempts within the last {@code period} drops below the cap, if it is at the cap now. */
    static Optional<Instant> capEnds(List<Instant> attempts, Instant now, Duration period, int cap) {
        Instant from = now.minus(period);
        List<Instant> inWindow = attempts.stream().filter(a -> a.isAfter(from) && !a.isAfter(now)).sorted().toList();
        if (inWindow.size() < cap) {
            return Optional.empty();
        }
        // the oldest attempts must age out until fewer than cap remain
        return Optional.of(inWindow.get(inWindow.size() - cap).plus(period));
    }
}
