package io.waihu.dialer.domain.pacing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PREDICTIVE: dials more calls than there are ready agents, as many as a probabilistic model says can be answered
 * without abandoning more than the campaign's remaining abandon budget allows.
 *
 * <p>Model (dialer-notes §4, "state-aware overdial"): the live answers X that the lines will produce are the calls
 * already answered and waiting, plus Binomial(in flight, p_in) plus Binomial(m, p) for the m new calls; the agents F
 * who can take them within τ = mean dial-to-answer time + the 2-s abandon allowance are the ready agents plus each
 * wrap-up agent with probability min(1, τ / wrap) and each agent on a call with probability P(talk left + wrap ≤ τ)
 * (exponential residual talk). The pacer picks the largest m with E[(X − F)⁺] ≤ α·E[X], where α is the per-decision
 * abandon target. p_in is lower than p because calls that will not be answered stay in flight longer (Little's law:
 * p_in = p·ring / (p·ring + (1 − p)·dud time)).
 *
 * <p>Abandon budget, a hard limit on top of the model:
 * <ul>
 *   <li>window rate at or over the limit ⇒ progressive only (no over-dial at all);</li>
 *   <li>α is steered by the window rate: α = target + w·(target − rate), w = live/(live + 300), clamped to
 *       [0, limit], so a campaign that has been running hot dials more cautiously and vice versa;</li>
 *   <li>with {@link PacingConfig#strictWorstCase()}, the calls in flight not covered by a ready agent never exceed
 *       {@link AbandonBudget#maxUncoveredCalls(int, int)}: even if every one of them were answered and abandoned the
 *       window rate would stay within the limit.</li>
 * </ul>
 */
public final class PredictivePacer implements Pacer {

    /** Abandon allowance: a live answer not connected within this many seconds counts as abandoned. */
    static final double ABANDON_SECONDS = 2.0;
    /** Live answers at which the window rate gets half the say in α. */
    private static final double CONFIDENCE_ANSWERS = 300.0;

    private final PacingConfig config;

    public PredictivePacer(PacingConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.strictWorstCase() ? "predictive" : "predictive (expected-value guard)";
    }

    @Override
    public PacingDecision decide(PacingSnapshot s) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        AnswerStats st = s.stats();
        AbandonBudget ab = s.abandon();
        int ready = s.readyAgents();
        int inFlight = s.callsInFlight();
        int waiting = s.liveWaiting();
        int progressive = Math.max(0, ready - inFlight - waiting);

        inputs.put("mode", s.mode().name());
        inputs.put("loggedInAgents", s.loggedInAgents());
        inputs.put("readyAgents", ready);
        inputs.put("busyAgents", s.busyAgents());
        inputs.put("wrapUpAgents", s.wrapUpAgents());
        inputs.put("callsInFlight", inFlight);
        inputs.put("liveWaiting", waiting);
        inputs.put("abandonRate", ab.rate());
        inputs.put("abandonLimit", ab.limitFraction());
        inputs.put("liveAnswersInWindow", ab.liveAnswers());
        inputs.put("abandonedInWindow", ab.abandoned());

        StringBuilder why = new StringBuilder();
        if (s.loggedInAgents() == 0) {
            why.append("no agents logged in ⇒ dial 0");
            return new PacingDecision(Caps.apply(s, 0, s.maxConcurrentCalls(), s.maxCallsPerSecond(), inputs, why),
                    why.toString(), inputs);
        }
        if (ab.exhausted()) {
            why.append(String.format(Locale.ROOT,
                    "abandon %s: at or over the limit ⇒ no over-dial; %s, %d in flight ⇒ dial %d",
                    ab.describe(), readyAgents(ready), inFlight + waiting, progressive));
            inputs.put("guard", "LIMIT_REACHED");
            int n = Caps.apply(s, progressive, s.maxConcurrentCalls(), s.maxCallsPerSecond(), inputs, why);
            return new PacingDecision(n, why.toString(), inputs);
        }

        double p = st.humanAnswerProbability(config.priorAnswerRatio(), config.priorWeightAttempts());
        double ring = st.meanRingSeconds();
        double dud = st.meanNoAnswerSeconds();
        double denom = p * ring + (1 - p) * dud;
        double pIn = denom > 0 ? p * ring / denom : p;
        double tau = ring + ABANDON_SECONDS;
        double wrap = st.meanWrapSeconds();
        double talk = st.meanTalkSeconds();
        double qWrap = wrap <= 0 ? 1.0 : Math.min(1.0, tau / wrap);
        double qBusy = tau <= wrap ? 0.0 : (talk <= 0 ? 1.0 : 1.0 - Math.exp(-(tau - wrap) / talk));

        double target = config.targetAbandonShareOfLimit() * ab.limitFraction();
        double w = ab.liveAnswers() / (ab.liveAnswers() + CONFIDENCE_ANSWERS);
        double alpha = Math.max(0.0, Math.min(ab.limitFraction(), target + w * (target - ab.rate())));

        inputs.put("answerProbability", p);
        inputs.put("inFlightAnswerProbability", pIn);
        inputs.put("tauSeconds", tau);
        inputs.put("wrapFreeProbability", qWrap);
        inputs.put("onCallFreeProbability", qBusy);
        inputs.put("alpha", alpha);

        // Agents able to take a call within tau: ready + Binomial(wrap, qWrap) + Binomial(busy, qBusy).
        double[] freeDist = shift(convolve(binomial(s.wrapUpAgents(), qWrap), binomial(s.busyAgents(), qBusy)), ready);
        double expectedFree = mean(freeDist);
        // g[x] = E[(x − F)+], built from the CDF of F: g[x+1] = g[x] + P(F <= x).
        int lineCap = (int) Math.floor(config.maxLinesPerAgent() * s.loggedInAgents());
        int mMax = Math.max(0, lineCap - s.callsOnLines());
        int xMax = waiting + inFlight + mMax + 1;
        double[] g = new double[xMax + 1];
        double cdf = 0;
        for (int x = 0; x < xMax; x++) {
            cdf += x < freeDist.length ? freeDist[x] : 0;
            g[x + 1] = g[x] + Math.min(1.0, cdf);
        }
        // X before new calls: waiting + Binomial(inFlight, pIn).
        double[] xDist = new double[xMax + 1];
        double[] base = binomial(inFlight, pIn);
        System.arraycopy(base, 0, xDist, waiting, base.length);
        int xLen = waiting + base.length;

        int best = 0;
        double bestShare = expectedAbandonShare(xDist, xLen, g);
        for (int m = 1; m <= mMax; m++) {
            // add one more Bernoulli(p) call
            for (int x = xLen; x >= 1; x--) {
                xDist[x] = xDist[x] * (1 - p) + xDist[x - 1] * p;
            }
            xDist[0] *= (1 - p);
            xLen++;
            double share = expectedAbandonShare(xDist, xLen, g);
            if (share <= alpha) {
                best = m;
                bestShare = share;
            } else if (probAtLeast(xDist, xLen, freeDist) >= alpha) {
                break; // each further call adds p·(P(X ≥ F) − α) > 0 to the excess: never feasible again
            }
        }
        int wanted = Math.max(best, progressive);
        String guardNote = "";
        if (config.strictWorstCase()) {
            long maxUncovered = ab.maxUncoveredCalls(ready, waiting);
            long allowed = maxUncovered - (waiting + inFlight - ready);
            inputs.put("maxUncoveredCalls", maxUncovered);
            if (wanted > allowed) {
                wanted = (int) Math.max(progressive, allowed);
                guardNote = String.format(Locale.ROOT, "; held to %d by the worst-case budget (at most %d calls"
                        + " beyond ready agents, so that all of them abandoned would keep the window within the limit)",
                        wanted, maxUncovered);
                inputs.put("guard", "WORST_CASE_BUDGET");
            }
        }
        if (wanted > mMax) {
            wanted = Math.max(progressive, mMax);
        }
        inputs.put("expectedFreeAgents", expectedFree);
        inputs.put("modelCalls", best);
        inputs.put("expectedAbandonShare", bestShare);

        why.append(String.format(Locale.ROOT,
                "%s (%.1f free within %.0f s), %d in flight (live-answer chance %.2f each)%s, answer rate"
                        + " %.2f ⇒ dial %d; expected abandon %.1f%% (target %.1f%%); abandon %s%s",
                readyAgents(ready), expectedFree, tau, inFlight, pIn, waiting > 0 ? ", " + waiting + " answered waiting" : "",
                p, wanted, bestShare * 100, alpha * 100, ab.describe(), guardNote));
        int n = Caps.apply(s, wanted, s.maxConcurrentCalls(), s.maxCallsPerSecond(), inputs, why);
        return new PacingDecision(n, why.toString(), inputs);
    }

    static String readyAgents(int n) {
        return n == 1 ? "1 ready agent" : n + " ready agents";
    }

    /** E[(X − F)+] / E[X], 0 when no answer is expected. */
    private static double expectedAbandonShare(double[] xDist, int xLen, double[] g) {
        double excess = 0;
        double mean = 0;
        for (int x = 0; x < xLen && x < g.length; x++) {
            excess += xDist[x] * g[x];
            mean += xDist[x] * x;
        }
        return mean <= 0 ? 0 : excess / mean;
    }

    private static double probAtLeast(double[] xDist, int xLen, double[] freeDist) {
        // P(X >= F) = sum_f P(F = f) P(X >= f)
        double[] tail = new double[xLen + 1];
        for (int x = xLen - 1; x >= 0; x--) {
            tail[x] = tail[x + 1] + xDist[x];
        }
        double sum = 0;
        for (int f = 0; f < freeDist.length; f++) {
            sum += freeDist[f] * (f <= xLen ? tail[f] : 0);
        }
        return sum;
    }

    static double[] binomial(int n, double q) {
        double[] d = new double[n + 1];
        d[0] = 1;
        for (int i = 1; i <= n; i++) {
            for (int k = i; k >= 1; k--) {
                d[k] = d[k] * (1 - q) + d[k - 1] * q;
            }
            d[0] *= (1 - q);
        }
        return d;
    }

    static double[] convolve(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                c[i + j] += a[i] * b[j];
            }
        }
        return c;
    }

    static double[] shift(double[] d, int by) {
        double[] r = new double[d.length + by];
        System.arraycopy(d, 0, r, by, d.length);
        return r;
    }

    static double mean(double[] d) {
        double m = 0;
        for (int i = 0; i < d.length; i++) {
            m += i * d[i];
        }
        return m;
    }
}
