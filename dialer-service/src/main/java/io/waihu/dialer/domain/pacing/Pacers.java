package io.waihu.dialer.domain.pacing;

import io.waihu.events.campaign.DialMode;

/** Factory of pacers. Predictive and the VICIdial adaptive baseline should be created once per campaign. */
public final class Pacers {

    private Pacers() {
    }

    public static Pacer forMode(DialMode mode) {
        return forMode(mode, PacingConfig.defaults());
    }

    public static Pacer forMode(DialMode mode, PacingConfig config) {
        return switch (mode) {
            case PREVIEW -> new PreviewPacer();
            case PROGRESSIVE -> new ProgressivePacer();
            case PREDICTIVE -> new PredictivePacer(config);
            case AGENTLESS -> new AgentlessPacer(config);
        };
    }

    /** VICIdial RATIO baseline (auto_dial_level fixed). */
    public static Pacer fixedRatio(double level) {
        return new FixedRatioPacer(level);
    }

    /** VICIdial adaptive baseline (ADAPT_HARD_LIMIT / ADAPT_TAPERED / ADAPT_AVERAGE). */
    public static Pacer vicidialAdaptive(VicidialAdaptivePacer.Config config) {
        return new VicidialAdaptivePacer(config);
    }
}
