package io.waihu.dialer.domain.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The population being called, as the simulator sees it: who answers when, how long phones ring, how long people
 * talk, and how carriers differ. Outcome chances: human answer (by the callee's local hour, times the carrier's
 * multiplier), voicemail, busy, failed (+ the carrier's extra failures); whatever is left rings out (no answer).
 *
 * <p>{@link #realistic()} and {@link #reference()} give ready-made profiles; {@link #withOverrides(Map)} changes
 * single fields from text (configuration or the simulator's command line).
 *
 * @param humanAnswerByHour   24 values, P(answered by a person) for a call placed at that callee-local hour
 * @param voicemailProbability P(answered by a machine)
 * @param busyProbability     P(busy)
 * @param failedProbability   P(network failure / rejected)
 * @param humanRingTime       ringing before a person answers
 * @param machineRingTime     ringing before a machine answers
 * @param ringTimeoutSeconds  the dialer gives up ringing after this (no answer)
 * @param busyTime            INVITE to busy response
 * @param failTime            INVITE to failure response
 * @param talkTime            conversation length once an agent takes the call
 * @param machineMessageTime  time on the line with a machine before the dialer hangs up
 * @param wrapTime            agent after-call work
 * @param defaultCarrier      quality of carriers not listed
 * @param carriers            per-carrier quality by carrier id
 * @param rejectedByHour      24 values, P(the callee declines the ringing call, SIP 603 Decline) at that callee-local
 *                            hour; the carrier took the call, so it is no carrier failure and never failed over
 * @param rejectTime          ringing before the callee declines
 */
public record CallProfile(List<Double> humanAnswerByHour, double voicemailProbability, double busyProbability,
                          double failedProbability, Distribution humanRingTime, Distribution machineRingTime,
                          double ringTimeoutSeconds, Distribution busyTime, Distribution failTime,
                          Distribution talkTime, Distribution machineMessageTime, Distribution wrapTime,
                          CarrierQuality defaultCarrier, Map<String, CarrierQuality> carriers,
                          List<Double> rejectedByHour, Distribution rejectTime) {

    public CallProfile {
        Objects.requireNonNull(humanAnswerByHour, "humanAnswerByHour");
        if (humanAnswerByHour.size() != 24) {
            throw new IllegalArgumentException("humanAnswerByHour needs 24 values, got " + humanAnswerByHour.size());
        }
        for (double p : humanAnswerByHour) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("answer probabilities must be in [0, 1]: " + p);
            }
        }
        if (!(voicemailProbability >= 0) || !(busyProbability >= 0) || !(failedProbability >= 0)
                || voicemailProbability + busyProbability + failedProbability > 1) {
            throw new IllegalArgumentException("voicemail + busy + failed must be a probability");
        }
        if (!(ringTimeoutSeconds > 0)) {
            throw new IllegalArgumentException("ringTimeoutSeconds must be > 0");
        }
        Objects.requireNonNull(humanRingTime);
        Objects.requireNonNull(machineRingTime);
        Objects.requireNonNull(busyTime);
        Objects.requireNonNull(failTime);
        Objects.requireNonNull(talkTime);
        Objects.requireNonNull(machineMessageTime);
        Objects.requireNonNull(wrapTime);
        Objects.requireNonNull(defaultCarrier);
        Objects.requireNonNull(rejectedByHour, "rejectedByHour");
        Objects.requireNonNull(rejectTime, "rejectTime");
        if (rejectedByHour.size() != 24) {
            throw new IllegalArgumentException("rejectedByHour needs 24 values, got " + rejectedByHour.size());
        }
        for (double p : rejectedByHour) {
            if (!(p >= 0) || p + voicemailProbability + busyProbability + failedProbability > 1) {
                throw new IllegalArgumentException("rejected + voicemail + busy + failed must be a probability: " + p);
            }
        }
        humanAnswerByHour = List.copyOf(humanAnswerByHour);
        carriers = Map.copyOf(carriers);
        rejectedByHour = List.copyOf(rejectedByHour);
    }

    /**
     * The dialer-notes §4 reference scenario: 25 % human answers at any hour (after 4–20 s: PDD 1–3 s + ring 3–17 s),
     * 10 % failures after 2–6 s, the rest rings out at 25 s; talk Exp(90 s), wrap 15 s; one uniform carrier; nobody
     * declines (the scenario has no REJECTED outcome).
     */
    public static CallProfile reference() {
        return new CallProfile(Collections.nCopies(24, 0.25), 0.0, 0.0, 0.10,
                Distribution.uniform(3, 17), Distribution.uniform(12, 22), 25.0,
                Distribution.uniform(2, 5), Distribution.uniform(2, 6),
                Distribution.exponential(90), Distribution.fixed(3), Distribution.fixed(15),
                new CarrierQuality(1.0, 0.0, Distribution.uniform(1, 3)), Map.of(),
                Collections.nCopies(24, 0.0), Distribution.uniform(3, 10));
    }

    /**
     * A realistic consumer list (our model, see docs/pacing.md): human answers low in the morning, peaking 17–20 h
     * (daily mean in the calling window about 0.23), 15 % voicemail, 5 % busy, 4 % failed; lognormal talk, mean
     * 90 s, sd 75 s; wrap 15 s; PDD lognormal 2.5 s. Declined calls (REJECTED, after 3–10 s of ringing): 3 % in
     * working hours 09–17, 2 % otherwise (our assumption: people screen unknown callers more at work).
     */
    public static CallProfile realistic() {
        List<Double> byHour = List.of(
                0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.10,   // 00–07
                0.17, 0.19, 0.21, 0.22, 0.20, 0.21, 0.22, 0.23,   // 08–15
                0.25, 0.28, 0.30, 0.30, 0.27, 0.18, 0.08, 0.05);  // 16–23
        return new CallProfile(byHour, 0.15, 0.05, 0.04,
                Distribution.uniform(3, 18), Distribution.uniform(14, 22), 25.0,
                Distribution.uniform(2, 5), Distribution.uniform(1, 6),
                Distribution.lognormal(90, 75), Distribution.fixed(3), Distribution.fixed(15),
                CarrierQuality.typical(), Map.of(), REALISTIC_REJECTED, Distribution.uniform(3, 10));
    }

    private static final List<Double> REALISTIC_REJECTED = List.of(
            0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02,   // 00–07
            0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03,   // 08–15
            0.03, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02);  // 16–23

    public CarrierQuality carrier(String carrierId) {
        return carrierId == null ? defaultCarrier : carriers.getOrDefault(carrierId, defaultCarrier);
    }

    public CallProfile withHumanAnswerRatio(double flat) {
        return withHumanAnswerByHour(Collections.nCopies(24, flat));
    }

    public CallProfile withHumanAnswerByHour(List<Double> byHour) {
        return new CallProfile(byHour, voicemailProbability, busyProbability, failedProbability, humanRingTime,
                machineRingTime, ringTimeoutSeconds, busyTime, failTime, talkTime, machineMessageTime, wrapTime,
                defaultCarrier, carriers, rejectedByHour, rejectTime);
    }

    public CallProfile withOutcomeProbabilities(double voicemail, double busy, double failed) {
        return new CallProfile(humanAnswerByHour, voicemail, busy, failed, humanRingTime,
                machineRingTime, ringTimeoutSeconds, busyTime, failTime, talkTime, machineMessageTime, wrapTime,
                defaultCarrier, carriers, rejectedByHour, rejectTime);
    }

    public CallProfile withTalkTime(Distribution talk) {
        return new CallProfile(humanAnswerByHour, voicemailProbability, busyProbability, failedProbability,
                humanRingTime, machineRingTime, ringTimeoutSeconds, busyTime, failTime, talk, machineMessageTime,
                wrapTime, defaultCarrier, carriers, rejectedByHour, rejectTime);
    }

    public CallProfile withWrapTime(Distribution wrap) {
        return new CallProfile(humanAnswerByHour, voicemailProbability, busyProbability, failedProbability,
                humanRingTime, machineRingTime, ringTimeoutSeconds, busyTime, failTime, talkTime, machineMessageTime,
                wrap, defaultCarrier, carriers, rejectedByHour, rejectTime);
    }

    public CallProfile withRejectedByHour(List<Double> byHour) {
        return new CallProfile(humanAnswerByHour, voicemailProbability, busyProbability, failedProbability,
                humanRingTime, machineRingTime, ringTimeoutSeconds, busyTime, failTime, talkTime, machineMessageTime,
                wrapTime, defaultCarrier, carriers, byHour, rejectTime);
    }

    public CallProfile withCarrier(String carrierId, CarrierQuality quality) {
        Map<String, CarrierQuality> copy = new HashMap<>(carriers);
        copy.put(carrierId, quality);
        return new CallProfile(humanAnswerByHour, voicemailProbability, busyProbability, failedProbability,
                humanRingTime, machineRingTime, ringTimeoutSeconds, busyTime, failTime, talkTime, machineMessageTime,
                wrapTime, defaultCarrier, copy, rejectedByHour, rejectTime);
    }

    /**
     * Applies text overrides, e.g. from configuration. Keys: {@code human} (flat ratio) or {@code human.by-hour}
     * (24 comma-separated ratios), {@code rejected} (flat) or {@code rejected.by-hour} (24 values), {@code voicemail},
     * {@code busy}, {@code failed}, {@code ring-timeout} (seconds), {@code reject-time},
     * and distributions {@code talk}, {@code wrap}, {@code human-ring}, {@code machine-ring}, {@code busy-time},
     * {@code fail-time}, {@code machine-message}, {@code pdd} written as {@code fixed:15}, {@code uniform:3:17},
     * {@code exp:90} or {@code lognormal:90:75}; {@code carrier.<id>} as {@code <answerMultiplier>:<extraFailure>:<pdd
     * distribution>}, e.g. {@code carrier.cheap=0.8:0.05:lognormal:4:2}. Unknown keys are rejected.
     */
    public CallProfile withOverrides(Map<String, String> overrides) {
        List<Double> byHour = new ArrayList<>(humanAnswerByHour);
        double vm = voicemailProbability;
        double busy = busyProbability;
        double failed = failedProbability;
        double timeout = ringTimeoutSeconds;
        Distribution hRing = humanRingTime;
        Distribution mRing = machineRingTime;
        Distribution busyT = busyTime;
        Distribution failT = failTime;
        Distribution talk = talkTime;
        Distribution machineMsg = machineMessageTime;
        Distribution wrap = wrapTime;
        CarrierQuality def = defaultCarrier;
        Map<String, CarrierQuality> cs = new HashMap<>(carriers);
        List<Double> rejected = new ArrayList<>(rejectedByHour);
        Distribution rejectT = rejectTime;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String k = e.getKey().trim().toLowerCase(Locale.ROOT);
            String v = e.getValue().trim();
            switch (k) {
                case "human" -> byHour = new ArrayList<>(Collections.nCopies(24, Double.parseDouble(v)));
                case "human.by-hour" -> {
                    byHour = new ArrayList<>();
                    for (String part : v.split(",")) {
                        byHour.add(Double.parseDouble(part.trim()));
                    }
                }
                case "rejected" -> rejected = new ArrayList<>(Collections.nCopies(24, Double.parseDouble(v)));
                case "rejected.by-hour" -> {
                    rejected = new ArrayList<>();
                    for (String part : v.split(",")) {
                        rejected.add(Double.parseDouble(part.trim()));
                    }
                }
                case "reject-time" -> rejectT = parseDistribution(v);
                case "voicemail" -> vm = Double.parseDouble(v);
                case "busy" -> busy = Double.parseDouble(v);
                case "failed" -> failed = Double.parseDouble(v);
                case "ring-timeout" -> timeout = Double.parseDouble(v);
                case "talk" -> talk = parseDistribution(v);
                case "wrap" -> wrap = parseDistribution(v);
                case "human-ring" -> hRing = parseDistribution(v);
                case "machine-ring" -> mRing = parseDistribution(v);
                case "busy-time" -> busyT = parseDistribution(v);
                case "fail-time" -> failT = parseDistribution(v);
                case "machine-message" -> machineMsg = parseDistribution(v);
                case "pdd" -> def = new CarrierQuality(def.answerMultiplier(), def.extraFailureProbability(),
                        parseDistribution(v));
                default -> {
                    if (k.startsWith("carrier.")) {
                        String[] parts = v.split(":", 3);
                        if (parts.length != 3) {
                            throw new IllegalArgumentException("carrier override needs mult:extraFail:pdd, got " + v);
                        }
                        cs.put(e.getKey().trim().substring("carrier.".length()), new CarrierQuality(
                                Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), parseDistribution(parts[2])));
                    } else {
                        throw new IllegalArgumentException("unknown call-profile key: " + e.getKey());
                    }
                }
            }
        }
        return new CallProfile(byHour, vm, busy, failed, hRing, mRing, timeout, busyT, failT, talk, machineMsg, wrap,
                def, cs, rejected, rejectT);
    }

    /** Parses {@code fixed:15}, {@code uniform:3:17}, {@code exp:90} or {@code lognormal:90:75}. */
    public static Distribution parseDistribution(String text) {
        String[] p = text.trim().split(":");
        try {
            return switch (p[0].toLowerCase(Locale.ROOT)) {
                case "fixed" -> Distribution.fixed(Double.parseDouble(p[1]));
                case "uniform" -> Distribution.uniform(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                case "exp", "exponential" -> Distribution.exponential(Double.parseDouble(p[1]));
                case "lognormal" -> Distribution.lognormal(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                default -> throw new IllegalArgumentException("unknown distribution: " + text);
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad distribution: " + text, e);
        }
    }
}
