package io.waihu.dialer.telephony;

import io.quarkus.runtime.ShutdownEvent;
import io.waihu.dialer.config.SimulatorConfig;
import io.waihu.dialer.domain.simulation.CallOutcomeModel;
import io.waihu.dialer.domain.simulation.CallProfile;
import io.waihu.dialer.domain.simulation.SimulatedOutcome;
import io.waihu.events.dialer.AnsweredBy;
import io.waihu.events.dialer.CallDisposition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A telephone network in-process: each call's fate is drawn from the seeded {@link CallOutcomeModel} (answer chance
 * by the callee's local hour and the carrier's quality) and played out on timers, {@code time-factor} times faster
 * than real time. Reported instants are the setup wall clock plus the simulated durations, so billable seconds
 * follow from them exactly whatever the speed-up.
 *
 * <p>A FAILED draw is the carrier failing at setup (the dialer fails over to the next carrier); busy, no answer,
 * rejected (the callee declined while it rang), voicemail and human answers are calls the carrier took. A person's answer on a call that needs an agent waits
 * for {@link #bridge} (then talks for the drawn time) or {@link #hangUp}.
 */
@ApplicationScoped
public class SimulatedTelephony implements TelephonyAdapter {

    private static final Logger LOG = Logger.getLogger(SimulatedTelephony.class);

    private final CallOutcomeModel model;
    private final double timeFactor;
    private final ScheduledExecutorService timers;
    private final Map<String, SimCall> calls = new ConcurrentHashMap<>();

    private static final class SimCall {
        final CallSetup setup;
        final CallListener listener;
        final SimulatedOutcome outcome;
        final long realStartNanos = System.nanoTime();
        ScheduledFuture<?> pending;
        boolean over;

        SimCall(CallSetup setup, CallListener listener, SimulatedOutcome outcome) {
            this.setup = setup;
            this.listener = listener;
            this.outcome = outcome;
        }
    }

    public SimulatedTelephony(SimulatorConfig config) {
        CallProfile base = "reference".equalsIgnoreCase(config.profile()) ? CallProfile.reference() : CallProfile.realistic();
        this.model = new CallOutcomeModel(config.overrides().isEmpty() ? base : base.withOverrides(config.overrides()), config.seed());
        if (!(config.timeFactor() > 0)) {
            throw new IllegalArgumentException("waihu.simulator.time-factor must be > 0");
        }
        this.timeFactor = config.timeFactor();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "waihu-simulated-telephony");
            t.setDaemon(true);
            return t;
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        timers.shutdownNow();
    }

    @Override
    public double timeFactor() {
        return timeFactor;
    }

    public CallProfile profile() {
        return model.profile();
    }

    @Override
    public void place(CallSetup setup, CallListener listener) {
        SimulatedOutcome outcome = model.next(setup.setupAt().atZone(ZoneId.of(setup.calleeZone())), setup.carrierId());
        SimCall call = new SimCall(setup, listener, outcome);
        calls.put(setup.callId(), call);
        Duration pdd = outcome.postDialDelay();
        switch (outcome.disposition()) {
            case FAILED -> at(call, pdd, () -> {
                finish(call);
                listener.setupFailed(setup.callId(), setup.carrierId(), "simulated network failure after " + pdd.toMillis() + " ms",
                        setup.setupAt().plus(pdd));
            });
            case BUSY -> at(call, pdd, () -> {
                listener.accepted(setup.callId(), setup.setupAt());
                finish(call);
                listener.ended(setup.callId(), CallDisposition.BUSY, setup.setupAt().plus(pdd));
            });
            default -> at(call, pdd, () -> {
                listener.accepted(setup.callId(), setup.setupAt());
                listener.ringing(setup.callId(), setup.setupAt().plus(pdd));
                at(call, outcome.timeToAnswerOrEnd(), () -> afterRinging(call));
            });
        }
    }

    private void afterRinging(SimCall call) {
        CallSetup s = call.setup;
        Instant answeredAt = s.setupAt().plus(call.outcome.timeToAnswerOrEnd());
        switch (call.outcome.disposition()) {
            case NO_ANSWER, REJECTED -> {
                // rang out, or the callee declined (603): the end of ringing, nothing connected, nothing billable
                finish(call);
                call.listener.ended(s.callId(), call.outcome.disposition(), answeredAt);
            }
            case VOICEMAIL -> {
                call.listener.answered(s.callId(), answeredAt, AnsweredBy.MACHINE, "MACHINE");
                at(call, call.outcome.timeToAnswerOrEnd().plus(call.outcome.talkTime()), () -> {
                    finish(call);
                    call.listener.ended(s.callId(), CallDisposition.VOICEMAIL, answeredAt.plus(call.outcome.talkTime()));
                });
            }
            default -> {
                call.listener.answered(s.callId(), answeredAt, AnsweredBy.HUMAN, "HUMAN");
                if (!s.needsAgent()) {
                    // agentless: the callee listens to the message / IVR for the drawn time
                    at(call, call.outcome.timeToAnswerOrEnd().plus(call.outcome.talkTime()), () -> {
                        finish(call);
                        call.listener.ended(s.callId(), CallDisposition.ANSWERED_HUMAN, answeredAt.plus(call.outcome.talkTime()));
                    });
                }
            }
        }
    }

    @Override
    public void bridge(String callId, String agentId, Instant at) {
        SimCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        Duration sinceSetup = Duration.between(call.setup.setupAt(), at).plus(call.outcome.talkTime());
        at(call, sinceSetup, () -> {
            finish(call);
            call.listener.ended(callId, CallDisposition.ANSWERED_HUMAN, at.plus(call.outcome.talkTime()));
        });
    }

    @Override
    public void hangUp(String callId, CallDisposition disposition, Instant at) {
        SimCall call = calls.get(callId);
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (call.pending != null) {
                call.pending.cancel(false);
            }
        }
        timers.execute(() -> {
            if (finish(call)) {
                call.listener.ended(callId, disposition, at);
            }
        });
    }

    /** Runs the step when {@code sinceSetup} of call time has passed since the call's setup. */
    private void at(SimCall call, Duration sinceSetup, Runnable step) {
        long dueNanos = call.realStartNanos + (long) (sinceSetup.toNanos() / timeFactor);
        long delay = Math.max(0, dueNanos - System.nanoTime());
        synchronized (call) {
            if (call.over) {
                return;
            }
            call.pending = timers.schedule(() -> {
                synchronized (call) {
                    if (call.over) {
                        return;
                    }
                }
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "simulated call %s failed", call.setup.callId());
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** @return true the first time: the call is over and its timers stop */
    private boolean finish(SimCall call) {
        synchronized (call) {
            if (call.over) {
                return false;
            }
            call.over = true;
            calls.remove(call.setup.callId());
            return true;
        }
    }
}
