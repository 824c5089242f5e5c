package io.waihu.dialer.domain.simulation;

import io.waihu.events.dialer.CallDisposition;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws the outcome of one call from a {@link CallProfile}. Seeded: the same seed and the same sequence of calls give
 * the same outcomes. Thread-safe (draws are serialised), so one model can back a whole simulated telephony adapter.
 */
public final class CallOutcomeModel {

    private final CallProfile profile;
    private final SplittableRandom rng;

    public CallOutcomeModel(CallProfile profile, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rng = new SplittableRandom(seed);
    }

    public CallProfile profile() {
        return profile;
    }

    /** Human-answer chance for a call at this callee-local time through this carrier. */
    public double humanAnswerProbability(ZonedDateTime calleeLocalTime, String carrierId) {
        CarrierQuality c = profile.carrier(carrierId);
        double p = profile.humanAnswerByHour().get(calleeLocalTime.getHour()) * c.answerMultiplier();
        double others = profile.voicemailProbability() + profile.busyProbability() + failed(c)
                + rejectedProbability(calleeLocalTime);
        return Math.max(0.0, Math.min(p, 1.0 - others));
    }

    /** Chance that the callee declines the ringing call (SIP 603) at this callee-local time. */
    public double rejectedProbability(ZonedDateTime calleeLocalTime) {
        return profile.rejectedByHour().get(calleeLocalTime.getHour());
    }

    private double failed(CarrierQuality c) {
        // the profile guarantees rejected + voicemail + busy + failed <= 1; a carrier's extra failures take from the rest
        double rest = 1.0 - profile.voicemailProbability() - profile.busyProbability();
        return Math.min(rest, profile.failedProbability() + c.extraFailureProbability());
    }

    public synchronized SimulatedOutcome next(ZonedDateTime calleeLocalTime, String carrierId) {
        Objects.requireNonNull(calleeLocalTime, "calleeLocalTime");
        CarrierQuality c = profile.carrier(carrierId);
        double pHuman = humanAnswerProbability(calleeLocalTime, carrierId);
        double pVm = profile.voicemailProbability();
        double pBusy = profile.busyProbability();
        double pFail = failed(c);
        double u = rng.nextDouble();
        if (u < pFail) {
            return new SimulatedOutcome(CallDisposition.FAILED, seconds(profile.failTime().sample(rng)),
                    Duration.ZERO, Duration.ZERO);
        }
        u -= pFail;
        if (u < pBusy) {
            return new SimulatedOutcome(CallDisposition.BUSY, seconds(profile.busyTime().sample(rng)),
                    Duration.ZERO, Duration.ZERO);
        }
        u -= pBusy;
        Duration pdd = seconds(c.postDialDelay().sample(rng));
        double timeout = profile.ringTimeoutSeconds();
        if (u < pHuman) {
            double ring = Math.min(profile.humanRingTime().sample(rng), timeout);
            return new SimulatedOutcome(CallDisposition.ANSWERED_HUMAN, pdd, seconds(ring),
                    seconds(profile.talkTime().sample(rng)));
        }
        u -= pHuman;
        if (u < pVm) {
            double ring = Math.min(profile.machineRingTime().sample(rng), timeout);
            return new SimulatedOutcome(CallDisposition.VOICEMAIL, pdd, seconds(ring),
                    seconds(profile.machineMessageTime().sample(rng)));
        }
        u -= pVm;
        double pRejected = rejectedProbability(calleeLocalTime);
        if (u < pRejected) {
            // the callee saw the call and declined it (SIP 603): it rang, nobody answered, the carrier took it, so the
            // dialer does not fail over
            double ring = Math.min(profile.rejectTime().sample(rng), timeout);
            return new SimulatedOutcome(CallDisposition.REJECTED, pdd, seconds(ring), Duration.ZERO);
        }
        return new SimulatedOutcome(CallDisposition.NO_ANSWER, pdd, seconds(timeout), Duration.ZERO);
    }

    /** A wrap-up time draw (agent after-call work). */
    public synchronized Duration nextWrapTime() {
        return seconds(profile.wrapTime().sample(rng));
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(Math.max(0, s) * 1e9));
    }
}
