package io.waihu.dialer.domain.simulation;

/**
 * How a carrier changes outcomes: a multiplier on the human-answer chance (poor routes, spam labelling, bad CLI
 * reputation), an extra failure chance, and its post-dial delay.
 */
public record CarrierQuality(double answerMultiplier, double extraFailureProbability, Distribution postDialDelay) {

    public CarrierQuality {
        if (!(answerMultiplier >= 0) || !(extraFailureProbability >= 0 && extraFailureProbability <= 1)) {
            throw new IllegalArgumentException("answerMultiplier >= 0 and extraFailureProbability in [0, 1]");
        }
    }

    /** A decent route: answers as the profile says, PDD around 2.5 s. */
    public static CarrierQuality typical() {
        return new CarrierQuality(1.0, 0.0, Distribution.lognormal(2.5, 1.0));
    }
}
