package io.waihu.campaign.domain;

import io.waihu.events.dialer.CallDisposition;
import io.waihu.events.dialer.DropReason;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** What happens to a contact after an attempt closes: done, or due again at a time. */
public final class RetryPlan {

    public static final Map<CallDisposition, Duration> DEFAULT_DELAYS;

    static {
        Map<CallDisposition, Duration> d = new EnumMap<>(CallDisposition.class);
        d.put(CallDisposition.BUSY, Duration.ofMinutes(10));
        d.put(CallDisposition.NO_ANSWER, Duration.ofHours(1));
        d.put(CallDisposition.VOICEMAIL, Duration.ofHours(4));
        d.put(CallDisposition.FAILED, Duration.ofMinutes(30));
        d.put(CallDisposition.ABANDONED, Duration.ofHours(1));
        d.put(CallDisposition.REJECTED, Duration.ofHours(24));
        DEFAULT_DELAYS = Map.copyOf(d);
    }

    /** Soon, for a request the dialer could not take in time: the hopper re-checks it anyway. */
    public static final Duration REDIAL_SOON = Duration.ofSeconds(30);

    /** @param doneReason null when the contact is due again at nextAttemptAt */
    public record Next(boolean done, String doneReason, Instant nextAttemptAt) {
        static Next doneBecause(String reason) {
            return new Next(true, reason, null);
        }

        static Next at(Instant t) {
            return new Next(false, null, t);
        }
    }

    private RetryPlan() {
    }

    /**
     * After a CallEnded.
     *
     * @param attemptsSoFar attempts including the one that ended
     */
    public static Next afterCall(CallDisposition disposition, boolean abandoned, Instant endedAt, int attemptsSoFar,
                                 int maxAttempts, Map<CallDisposition, Duration> delays, int noRedialAfterAbandonHours) {
        boolean wasAbandoned = abandoned || disposition == CallDisposition.ABANDONED;
        if (disposition == CallDisposition.ANSWERED_HUMAN && !wasAbandoned) {
            return Next.doneBecause("ANSWERED");
        }
        if (attemptsSoFar >= maxAttempts) {
            return Next.doneBecause("MAX_ATTEMPTS");
        }
        CallDisposition key = wasAbandoned ? CallDisposition.ABANDONED : disposition;
        Duration delay = delays.getOrDefault(key, DEFAULT_DELAYS.getOrDefault(key, Duration.ofHours(1)));
        Instant next = endedAt.plus(delay);
        if (wasAbandoned && noRedialAfterAbandonHours > 0) {
            Instant coolOff = endedAt.plus(Duration.ofHours(noRedialAfterAbandonHours));
            next = next.isBefore(coolOff) ? coolOff : next;
        }
        return Next.at(next);
    }

    /**
     * After a DialDropped: the attempt was not dialled.
     *
     * @param nextOpening when the number's window next opens, if known (for OUTSIDE_WINDOW)
     */
    public static Next afterDrop(DropReason reason, Instant droppedAt, Optional<Instant> nextOpening,
                                 int noRedialAfterAbandonHours) {
        return switch (reason) {
            case SUPPRESSED -> Next.doneBecause("SUPPRESSED");
            case OUTSIDE_WINDOW -> Next.at(nextOpening.orElse(droppedAt.plus(Duration.ofHours(1))));
            case ABANDON_COOL_OFF -> Next.at(droppedAt.plus(Duration.ofHours(Math.max(1, noRedialAfterAbandonHours))));
            case NO_ROUTE, CARRIERS_FAILED -> Next.at(droppedAt.plus(Duration.ofMinutes(15)));
            case DEADLINE_PASSED, CAMPAIGN_NOT_RUNNING -> Next.at(droppedAt.plus(REDIAL_SOON));
        };
    }
}
