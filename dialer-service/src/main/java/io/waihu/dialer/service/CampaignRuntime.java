package io.waihu.dialer.service;

import io.waihu.dialer.domain.abandon.AbandonLedger;
import io.waihu.dialer.domain.pacing.AnswerStats;
import io.waihu.dialer.domain.pacing.PacingDecision;
import io.waihu.dialer.domain.pacing.PacingSnapshot;
import io.waihu.events.dialer.CallDisposition;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the dialer tracks of one campaign in memory between ticks: calls on lines, recent outcomes (the pacer's
 * answer statistics), the abandon ledger (rebuilt from the database at start), and the last pacing decision.
 */
public final class CampaignRuntime {

    private static final int STATS_WINDOW = 500;

    final String tenantId;
    final String campaignId;
    final AbandonLedger ledger = new AbandonLedger();

    private int inFlight;
    private int liveWaiting;
    private final Deque<Long> starts = new ArrayDeque<>();
    private final Deque<Outcome> outcomes = new ArrayDeque<>();
    private long humans;
    private long machines;
    private double ringToHuman;
    private double notHumanSeconds;
    private long notHumanCount;
    private double talk;
    private long talkCount;

    private volatile LastDecision last;

    private record Outcome(boolean human, boolean machine, double ringToHumanSeconds, double notHumanSeconds, double talkSeconds) {
    }

    /** The last decision with the snapshot it saw, or a reason why no pacer ran. */
    public record LastDecision(Instant at, String pacer, PacingSnapshot snapshot, PacingDecision decision, String notDialingBecause) {
    }

    CampaignRuntime(String tenantId, String campaignId) {
        this.tenantId = tenantId;
        this.campaignId = campaignId;
    }

    synchronized void callStarted(long nowMillis) {
        inFlight++;
        starts.addLast(nowMillis);
        trimStarts(nowMillis);
    }

    synchronized void waitingDone() {
        liveWaiting = Math.max(0, liveWaiting - 1);
    }

    /** A person answered a call that needs an agent: it leaves flight, and waits if no agent took it (see Coverage). */
    synchronized void answerHandedOver(boolean waits) {
        inFlight = Math.max(0, inFlight - 1);
        if (waits) {
            liveWaiting++;
        }
    }

    synchronized void callLeftFlight() {
        inFlight = Math.max(0, inFlight - 1);
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int liveWaiting() {
        return liveWaiting;
    }

    synchronized int startedLastSecond(long nowMillis) {
        trimStarts(nowMillis);
        return starts.size();
    }

    private void trimStarts(long nowMillis) {
        while (!starts.isEmpty() && starts.peekFirst() <= nowMillis - 1000) {
            starts.removeFirst();
        }
    }

    /** One ended call's outcome, for the answer statistics. Durations in call-time seconds. */
    synchronized void record(CallDisposition disposition, double setupToAnswerSeconds, double setupToEndSeconds, double talkSeconds) {
        boolean human = disposition == CallDisposition.ANSWERED_HUMAN || disposition == CallDisposition.ABANDONED;
        boolean machine = disposition == CallDisposition.VOICEMAIL;
        Outcome o = new Outcome(human, machine, human ? setupToAnswerSeconds : 0, human ? 0 : (machine ? setupToAnswerSeconds : setupToEndSeconds),
                disposition == CallDisposition.ANSWERED_HUMAN ? talkSeconds : -1);
        outcomes.addLast(o);
        add(o, 1);
        if (outcomes.size() > STATS_WINDOW) {
            add(outcomes.removeFirst(), -1);
        }
    }

    private void add(Outcome o, int sign) {
        if (o.human) {
            humans += sign;
            ringToHuman += sign * o.ringToHumanSeconds;
        } else {
            notHumanCount += sign;
            notHumanSeconds += sign * o.notHumanSeconds;
        }
        if (o.machine) {
            machines += sign;
        }
        if (o.talkSeconds >= 0) {
            talkCount += sign;
            talk += sign * o.talkSeconds;
        }
    }

    /** The recent window, with the prior's means where nothing was observed yet. */
    synchronized AnswerStats stats(double meanWrapSeconds) {
        AnswerStats prior = AnswerStats.defaults();
        return new AnswerStats(outcomes.size(), humans, machines,
                humans == 0 ? prior.meanRingSeconds() : ringToHuman / humans,
                notHumanCount == 0 ? prior.meanNoAnswerSeconds() : notHumanSeconds / notHumanCount,
                talkCount == 0 ? prior.meanTalkSeconds() : talk / talkCount,
                meanWrapSeconds);
    }

    void decided(LastDecision decision) {
        this.last = decision;
    }

    public LastDecision last() {
        return last;
    }
}
