package io.waihu.billing.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TariffPublisherBackoffTest {

    @Test
    void aVersionThatKeepsFailingWaitsTwiceAsLongEachTimeUpToFiveMinutes() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        List<Long> pauses = new ArrayList<>();
        TariffPublisher.Retry retry = null;
        for (int i = 0; i < 12; i++) {
            retry = TariffPublisher.failedAgain(retry, now);
            pauses.add(Duration.between(now, retry.next()).toSeconds());
        }

        assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(retry.failures()).isEqualTo(12);
        // far into a failure streak the shift stays bounded
        for (int i = 0; i < 100; i++) {
            retry = TariffPublisher.failedAgain(retry, now);
        }
        assertThat(retry.next()).isEqualTo(now.plus(TariffPublisher.LONGEST_PAUSE));
    }
}
