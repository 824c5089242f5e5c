package io.waihu.dialer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** The simulated telephone network (prefix {@code waihu.simulator}). */
@ConfigMapping(prefix = "waihu.simulator")
public interface SimulatorConfig {

    /** Call time runs this many times faster than real time: 60 makes a 90 s call take 1.5 s. */
    @WithDefault("1")
    double timeFactor();

    /** Seed of the outcome model: the same seed and call sequence give the same outcomes. */
    @WithDefault("42")
    long seed();

    /** Base profile: realistic or reference (dialer-notes §4). */
    @WithDefault("realistic")
    String profile();

    /** Field overrides of the profile, see CallProfile.withOverrides, e.g. {@code waihu.simulator.overrides.talk=exp:60}. */
    Map<String, String> overrides();
}
