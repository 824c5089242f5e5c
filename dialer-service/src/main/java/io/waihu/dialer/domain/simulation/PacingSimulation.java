package io.waihu.dialer.domain.simulation;

import io.waihu.dialer.domain.pacing.AbandonBudget;
import io.waihu.dialer.domain.pacing.AnswerStats;
import io.waihu.dialer.domain.pacing.Pacer;
import io.waihu.dialer.domain.pacing.PacingDecision;
import io.waihu.dialer.domain.pacing.PacingSnapshot;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.dialer.CallDisposition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Discrete-event simulation of one campaign on a virtual clock (hours in milliseconds of CPU): a fixed team of agents
 * (talk, then wrap-up), calls drawn from a {@link CallOutcomeModel}, and the 2-second abandon rule — a live answer
 * that is not connected to an agent within 2 s is abandoned. The pacer under test is asked every second, exactly
 * like the dialer asks it, with a {@link PacingSnapshot} built from the simulated state; the abandon window is the
 * whole run (a campaign day).
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class PacingSimulation {

    /** Seconds a live answer may wait for an agent before it counts as abandoned. */
    public static final double ABANDON_SECONDS = 2.0;
    private static final int ATTEMPT_WINDOW = 1000;
    private static final int HANDLE_WINDOW = 200;

    /**
     * @param agents                   agents logged in for the whole run
     * @param length                   simulated time
     * @param profile                  the called population
     * @param seed                     seed of the outcome model (same seed, same pacer ⇒ same result)
     * @param abandonLimitBasisPoints  the campaign's abandon limit (300 = 3 %)
     * @param start                    callee-local start of the run (drives the answer-by-hour curve)
     * @param mode                     the dial mode reported in the snapshot
     */
    public record Scenario(int agents, Duration length, CallProfile profile, long seed, int abandonLimitBasisPoints,
                           ZonedDateTime start, DialMode mode) {
        public Scenario {
            if (agents < 1) {
                throw new IllegalArgumentException("agents must be >= 1");
            }
            Objects.requireNonNull(length);
            Objects.requireNonNull(profile);
            Objects.requireNonNull(start);
            Objects.requireNonNull(mode);
        }
    }

    /**
     * @param strategy               the pacer's name
     * @param attempts               calls placed
     * @param humanAnswers           live answers (the abandon denominator)
     * @param machineAnswers         answering machines
     * @param abandoned              live answers not connected within 2 s
     * @param abandonRate            abandoned / humanAnswers
     * @param maxWindowAbandonRate   highest window rate seen right after any abandon (the regulatory check)
     * @param occupancy              (talk + wrap) / logged-in time
     * @param talkMinutesPerAgentHour talk minutes per logged-in agent-hour
     * @param decisions              pacing decisions taken
     */
    public record Result(String strategy, int agents, long attempts, long humanAnswers, long machineAnswers,
                         long abandoned, double abandonRate, double maxWindowAbandonRate, double occupancy,
                         double talkMinutesPerAgentHour, long decisions) {
    }

    /** Sees every decision (tests and the explain demo). */
    public interface DecisionListener {
        void onDecision(PacingSnapshot snapshot, PacingDecision decision);
    }

    private enum Kind { TICK, DIAL_END, TALK_END, WRAP_END, WAIT_DEADLINE }

    private record Event(double time, long seq, Kind kind, Call call) {
    }

    private static final class Call {
        final double placedAt;
        final SimulatedOutcome outcome;
        boolean waiting;
        boolean connected;

        Call(double placedAt, SimulatedOutcome outcome) {
            this.placedAt = placedAt;
            this.outcome = outcome;
        }
    }

    private final Scenario scenario;
    private final CallOutcomeModel model;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Double.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private final double horizon;

    private int ready;
    private int onCall;
    private int wrapping;
    private int inFlight;
    private final ArrayDeque<Call> waitingQueue = new ArrayDeque<>();
    private int startedThisSecond;
    private int startedLastSecond;

    private long attempts;
    private long humanAnswers;
    private long machineAnswers;
    private long abandoned;
    private double maxWindowRate;
    private double busySeconds;
    private double talkSeconds;
    private long decisions;

    // rolling windows for AnswerStats
    private final ArrayDeque<double[]> attemptWindow = new ArrayDeque<>(); // {human?1:0, machine?1:0, seconds}
    private long winHumans;
    private long winMachines;
    private double winHumanSeconds;
    private double winDudSeconds;
    private final ArrayDeque<Double> talkWindow = new ArrayDeque<>();
    private double talkWindowSum;
    private final ArrayDeque<Double> wrapWindow = new ArrayDeque<>();
    private double wrapWindowSum;

    public PacingSimulation(Scenario scenario) {
        this.scenario = scenario;
        this.model = new CallOutcomeModel(scenario.profile(), scenario.seed());
        this.horizon = scenario.length().toMillis() / 1000.0;
        this.ready = scenario.agents();
    }

    public static Result run(Scenario scenario, Pacer pacer) {
        return new PacingSimulation(scenario).execute(pacer, null);
    }

    public Result execute(Pacer pacer, DecisionListener listener) {
        schedule(0, Kind.TICK, null);
        Instant startInstant = scenario.start().toInstant();
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.time > horizon) {
                break;
            }
            switch (e.kind) {
                case TICK -> {
                    startedLastSecond = startedThisSecond;
                    startedThisSecond = 0;
                    PacingSnapshot snap = snapshot(startInstant.plusMillis(Math.round(e.time * 1000)));
                    PacingDecision d = pacer.decide(snap);
                    decisions++;
                    if (listener != null) {
                        listener.onDecision(snap, d);
                    }
                    for (int i = 0; i < d.callsToPlace(); i++) {
                        place(e.time);
                    }
                    schedule(e.time + 1.0, Kind.TICK, null);
                }
                case DIAL_END -> dialEnded(e.time, e.call);
                case TALK_END -> {
                    onCall--;
                    wrapping++;
                    double wrap = model.nextWrapTime().toNanos() / 1e9;
                    remember(wrapWindow, wrap, true);
                    addBusy(e.time, wrap);
                    schedule(e.time + wrap, Kind.WRAP_END, null);
                }
                case WRAP_END -> {
                    wrapping--;
                    agentFree(e.time);
                }
                case WAIT_DEADLINE -> {
                    Call c = e.call;
                    if (c.waiting && !c.connected) {
                        c.waiting = false;
                        waitingQueue.remove(c);
                        abandoned++;
                        maxWindowRate = Math.max(maxWindowRate, (double) abandoned / humanAnswers);
                    }
                }
            }
        }
        double agentSeconds = scenario.agents() * horizon;
        return new Result(pacer.name(), scenario.agents(), attempts, humanAnswers, machineAnswers, abandoned,
                humanAnswers == 0 ? 0 : (double) abandoned / humanAnswers, maxWindowRate,
                busySeconds / agentSeconds, talkSeconds / 60.0 / (agentSeconds / 3600.0), decisions);
    }

    private PacingSnapshot snapshot(Instant now) {
        long n = attemptWindow.size();
        long duds = n - winHumans;
        AnswerStats defaults = AnswerStats.defaults();
        AnswerStats stats = new AnswerStats(n, winHumans, winMachines,
                winHumans == 0 ? defaults.meanRingSeconds() : winHumanSeconds / winHumans,
                duds == 0 ? defaults.meanNoAnswerSeconds() : winDudSeconds / duds,
                talkWindow.isEmpty() ? defaults.meanTalkSeconds() : talkWindowSum / talkWindow.size(),
                wrapWindow.isEmpty() ? defaults.meanWrapSeconds() : wrapWindowSum / wrapWindow.size());
        AbandonBudget budget = new AbandonBudget(humanAnswers, abandoned, scenario.abandonLimitBasisPoints());
        return new PacingSnapshot(now, scenario.mode(), scenario.agents(), ready, onCall, wrapping, inFlight,
                waitingQueue.size(), 1_000_000, stats, budget, null, null, startedLastSecond);
    }

    private void place(double now) {
        ZonedDateTime calleeLocal = scenario.start().plusNanos(Math.round(now * 1e9));
        SimulatedOutcome o = model.next(calleeLocal, null);
        Call c = new Call(now, o);
        attempts++;
        inFlight++;
        startedThisSecond++;
        schedule(now + o.timeToAnswerOrEnd().toNanos() / 1e9, Kind.DIAL_END, c);
    }

    private void dialEnded(double now, Call c) {
        inFlight--;
        double inFlightSeconds = now - c.placedAt;
        boolean human = c.outcome.disposition() == CallDisposition.ANSWERED_HUMAN;
        boolean machine = c.outcome.disposition() == CallDisposition.VOICEMAIL;
        rememberAttempt(human, machine, inFlightSeconds);
        if (!human) {
            return;
        }
        humanAnswers++;
        if (ready > 0) {
            connect(now, c);
        } else {
            c.waiting = true;
            waitingQueue.addLast(c);
            schedule(now + ABANDON_SECONDS, Kind.WAIT_DEADLINE, c);
        }
    }

    private void connect(double now, Call c) {
        ready--;
        onCall++;
        c.connected = true;
        c.waiting = false;
        double talk = c.outcome.talkTime().toNanos() / 1e9;
        remember(talkWindow, talk, false);
        talkSeconds += Math.max(0, Math.min(now + talk, horizon) - now);
        addBusy(now, talk);
        schedule(now + talk, Kind.TALK_END, null);
    }

    private void agentFree(double now) {
        ready++;
        Call next = waitingQueue.pollFirst();
        if (next != null) {
            connect(now, next);
        }
    }

    private void addBusy(double from, double seconds) {
        busySeconds += Math.max(0, Math.min(from + seconds, horizon) - from);
    }

    private void schedule(double time, Kind kind, Call call) {
        events.add(new Event(time, seq++, kind, call));
    }

    private void rememberAttempt(boolean human, boolean machine, double seconds) {
        attemptWindow.addLast(new double[] {human ? 1 : 0, machine ? 1 : 0, seconds});
        if (human) {
            winHumans++;
            winHumanSeconds += seconds;
        } else {
            winDudSeconds += seconds;
        }
        if (machine) {
            winMachines++;
        }
        if (attemptWindow.size() > ATTEMPT_WINDOW) {
            double[] old = attemptWindow.removeFirst();
            if (old[0] == 1) {
                winHumans--;
                winHumanSeconds -= old[2];
            } else {
                winDudSeconds -= old[2];
            }
            if (old[1] == 1) {
                winMachines--;
            }
        }
    }

    private void remember(ArrayDeque<Double> window, double value, boolean wrap) {
        window.addLast(value);
        double removed = 0;
        if (window.size() > HANDLE_WINDOW) {
            removed = window.removeFirst();
        }
        if (wrap) {
            wrapWindowSum += value - removed;
        } else {
            talkWindowSum += value - removed;
        }
    }
}
