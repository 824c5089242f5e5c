package io.waihu.dialer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the dialer (prefix {@code waihu.dialer}). */
@ConfigMapping(prefix = "waihu.dialer")
public interface DialerConfig {

    /** How often the pacing loop asks each running campaign's pacer how many calls to place. */
    @WithDefault("250ms")
    Duration pacingInterval();

    /** Requests taken from one campaign's queue per tick at most. */
    @WithDefault("500")
    int maxTakePerTick();

    /**
     * A request for a campaign the dialer has not heard of waits this long for the CampaignStarted (the two
     * topics race) before it is dropped CAMPAIGN_NOT_RUNNING.
     */
    @WithDefault("30s")
    Duration unknownCampaignGrace();

    /** A person who answers must reach an agent within this much call time, else the call is abandoned. */
    @WithDefault("2s")
    Duration abandonAfter();

    /**
     * PREVIEW: how long an agent may hold the request it asked for without dialling or skipping it; then the request
     * goes back to the queue and the agent back to READY.
     */
    @WithDefault("60s")
    Duration previewReservationTimeout();

    /** Call state changes written per transaction at most (they are batched). */
    @WithDefault("400")
    int journalBatch();

    /** Carrier trunk limits. */
    Carriers carriers();

    interface Carriers {

        /** Calls in flight per carrier when the carrier has no own setting. */
        @WithDefault("5000")
        int defaultMaxConcurrent();

        /** Calls started per second per carrier when the carrier has no own setting. */
        @WithDefault("2000")
        int defaultMaxCallsPerSecond();

        /** Per carrier id: {@code waihu.dialer.carriers.limits."carrier-a".max-concurrent=100}. */
        Map<String, Limit> limits();
    }

    interface Limit {
        Optional<Integer> maxConcurrent();

        Optional<Integer> maxCallsPerSecond();
    }
}
