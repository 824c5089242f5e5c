package io.waihu.dialer.domain.pacing;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The VICIdial adaptive baseline (bin/AST_VDadapt.pl v2.14, calculate_dial_level; dialer-notes §3), stateful, one
 * instance per campaign. Every second it samples R = ready agents, W = answered calls waiting for an agent,
 * T = logged-in agents (last 15 samples kept). Every 15 s: k = (avg R − avg W + diffTarget) / avg T, scaled by the
 * intensity, and L ← L·(1 + k′) clamped to [1, maxLevel]. Then the drop guards: if more than 20 live answers in the
 * last minute and over 50 % of them dropped, L ← L/2; if the window has more than 50 live answers and its drop % is
 * over the target: HARD_LIMIT L ← 1, AVERAGE L ← L/2, TAPERED L ← L·h/1000 with h = latest server time − now as
 * HHMM numbers (VICIdial's quirk; L ← 1 past the end). Calls are then placed as RATIO at level L.
 *
 * <p>Differences from VICIdial, all in its favour or neutral: the drop % comes from the campaign's abandon window
 * (the simulator's window is the whole run, i.e. "today"), and the 1-s sampling runs on the same clock as the pacing
 * decisions.
 */
public final class VicidialAdaptivePacer implements Pacer {

    public enum Method { HARD_LIMIT, TAPERED, AVERAGE }

    /**
     * @param method              ADAPT_HARD_LIMIT, ADAPT_TAPERED or ADAPT_AVERAGE
     * @param droppedPercentage   adaptive_dropped_percentage (3)
     * @param maxLevel            adaptive_maximum_level (3.0)
     * @param intensity           adaptive_intensity (0)
     * @param diffTarget          adaptive_dl_diff_target (0)
     * @param initialLevel        auto_dial_level when the campaign starts
     * @param latestServerTime    adaptive_latest_server_time as HHMM (2100) for TAPERED
     * @param zone                the server's zone, for the TAPERED clock
     */
    public record Config(Method method, double droppedPercentage, double maxLevel, double intensity, double diffTarget,
                         double initialLevel, int latestServerTime, ZoneId zone) {
        public static Config defaults(Method method) {
            return new Config(method, 3.0, 3.0, 0, 0, 1.0, 2100, ZoneId.of("UTC"));
        }
    }

    private static final int SAMPLES = 15;
    private static final long RECALC_SECONDS = 15;
    private static final long DROP_REFRESH_SECONDS = 60;

    private final Config config;
    private final Deque<int[]> samples = new ArrayDeque<>();
    private double level;
    private long lastSampleEpoch = Long.MIN_VALUE;
    private long lastRecalcEpoch = Long.MIN_VALUE;
    private long lastDropRefreshEpoch = Long.MIN_VALUE;
    private long liveAtLastRefresh;
    private long droppedAtLastRefresh;
    private long minuteLive;
    private long minuteDropped;
    private String lastAdjustment = "start";

    public VicidialAdaptivePacer(Config config) {
        this.config = config;
        this.level = Math.max(1.0, config.initialLevel());
    }

    public double level() {
        return level;
    }

    @Override
    public String name() {
        return "VICIdial ADAPT_" + config.method();
    }

    @Override
    public PacingDecision decide(PacingSnapshot s) {
        long now = s.now().getEpochSecond();
        AbandonBudget ab = s.abandon();
        if (lastSampleEpoch == Long.MIN_VALUE) {
            lastRecalcEpoch = now;
            lastDropRefreshEpoch = now;
            liveAtLastRefresh = ab.liveAnswers();
            droppedAtLastRefresh = ab.abandoned();
        }
        if (now > lastSampleEpoch) {
            samples.addLast(new int[] {s.readyAgents(), s.liveWaiting(), s.loggedInAgents()});
            while (samples.size() > SAMPLES) {
                samples.removeFirst();
            }
            lastSampleEpoch = now;
        }
        if (now - lastDropRefreshEpoch >= DROP_REFRESH_SECONDS) {
            minuteLive = ab.liveAnswers() - liveAtLastRefresh;
            minuteDropped = ab.abandoned() - droppedAtLastRefresh;
            liveAtLastRefresh = ab.liveAnswers();
            droppedAtLastRefresh = ab.abandoned();
            lastDropRefreshEpoch = now;
        }
        if (now - lastRecalcEpoch >= RECALC_SECONDS) {
            recalculate(s);
            lastRecalcEpoch = now;
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("method", config.method().name());
        inputs.put("lastAdjustment", lastAdjustment);
        return FixedRatioPacer.decideAt(level, s, inputs, "VICIdial ADAPT_" + config.method() + " level");
    }

    private void recalculate(PacingSnapshot s) {
        double r = 0;
        double w = 0;
        double t = 0;
        for (int[] x : samples) {
            r += x[0];
            w += x[1];
            t += x[2];
        }
        int n = samples.size();
        double diff = n == 0 ? 0 : (r - w) / n + config.diffTarget();
        double avgT = n == 0 ? 0 : t / n;
        double k = (diff == 0 || avgT == 0) ? 0 : diff / avgT;
        double i = config.intensity() / 100.0;
        double kPrime = k >= 0 ? k * (1 + i) : k * Math.abs(i - 1);
        double before = level;
        level = Math.max(1.0, Math.min(config.maxLevel(), level * (1 + kPrime)));
        StringBuilder adj = new StringBuilder(String.format(Locale.ROOT, "k=%.3f: %.2f→%.2f", kPrime, before, level));

        if (minuteLive > 20 && minuteDropped * 2 > minuteLive) {
            level = level / 2;
            adj.append("; >50% dropped last minute: halved");
        }
        AbandonBudget ab = s.abandon();
        double dropPercent = ab.rate() * 100;
        if (ab.liveAnswers() > 50 && dropPercent > config.droppedPercentage()) {
            switch (config.method()) {
                case HARD_LIMIT -> level = 1.0;
                case AVERAGE -> level = level / 2;
                case TAPERED -> {
                    LocalTime local = s.now().atZone(config.zone()).toLocalTime();
                    int hhmm = local.getHour() * 100 + local.getMinute();
                    int h = config.latestServerTime() - hhmm;
                    level = h <= 0 ? 1.0 : level * Math.min(1.0, h / 1000.0);
                }
            }
            adj.append(String.format(Locale.ROOT, "; drop %.2f%% over %.1f%%: %s", dropPercent,
                    config.droppedPercentage(), config.method()));
        }
        level = Math.max(1.0, level);
        lastAdjustment = adj.toString();
    }
}
