package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.waihu.events.Topics;
import io.waihu.platform.messaging.DeadLetters;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters sent one after the other, each to a dead-letter topic the producer has not written to yet: what the
 * fold channel does when one poll holds bad records of two streams. The second letter used to be sent from the
 * producer's I/O thread (the first letter's callback), where it waited for metadata only that thread could fetch:
 * 60 s, then the poll went to the last resort (CI, 2026-11-27).
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class DeadLettersTest {

    @Inject
    DeadLetters deadLetters;

    @Inject
    Vertx vertx;

    private static ConsumerRecord<String, String> badRecordOfANewStream(String key) {
        return new ConsumerRecord<>("test.stream-" + UUID.randomUUID() + ".v1", 0, 7L, key, "not json");
    }

    private static void assertKept(ConsumerRecord<String, String> record) {
        String topic = Topics.dlq(record.topic(), "analytics-service");
        assertThat(KafkaProbe.awaitRecords(topic, r -> record.key().equals(r.key()), 1, Duration.ofSeconds(30)))
                .as("dead letter in %s", topic).hasSize(1);
    }

    @Test
    void aLetterSentAfterAnotherToANewTopicIsKeptAtOnce() {
        ConsumerRecord<String, String> first = badRecordOfANewStream("first");
        ConsumerRecord<String, String> second = badRecordOfANewStream("second");
        deadLetters.send(first, new IllegalArgumentException("unreadable"))
                .chain(() -> deadLetters.send(second, new IllegalArgumentException("unreadable")))
                .await().atMost(Duration.ofSeconds(20));
        assertKept(first);
        assertKept(second);
    }

    @Test
    void onAVertxContextTheChainGoesOnOnThatContext() throws Exception {
        ConsumerRecord<String, String> first = badRecordOfANewStream("first-on-context");
        ConsumerRecord<String, String> second = badRecordOfANewStream("second-on-context");
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> resumedOnContext = new CompletableFuture<>();
        context.runOnContext(ignored -> deadLetters.send(first, new IllegalArgumentException("unreadable"))
                .chain(() -> {
                    boolean same = Vertx.currentContext() == context;
                    return deadLetters.send(second, new IllegalArgumentException("unreadable")).replaceWith(same);
                })
                .subscribe().with(same -> resumedOnContext.complete(same && Vertx.currentContext() == context),
                        resumedOnContext::completeExceptionally));
        assertThat(resumedOnContext.get(20, TimeUnit.SECONDS)).as("both letters completed on the caller's context").isTrue();
        assertKept(first);
        assertKept(second);
    }

    @Test
    void lettersAskedForTogetherKeepTheirOrder() {
        String topic = "test.stream-" + UUID.randomUUID() + ".v1";
        List<Uni<Void>> letters = new ArrayList<>();
        for (long offset = 0; offset < 30; offset++) {
            letters.add(deadLetters.send(new ConsumerRecord<>(topic, 0, offset, "one-key", "bad " + offset),
                    new IllegalArgumentException("unreadable")));
        }
        Uni.join().all(letters).andFailFast().await().atMost(Duration.ofSeconds(20));
        List<ConsumerRecord<String, String>> kept = KafkaProbe.awaitRecords(Topics.dlq(topic, "analytics-service"),
                r -> "one-key".equals(r.key()), 30, Duration.ofSeconds(30));
        assertThat(kept).extracting(r -> KafkaProbe.header(r, "dead-letter-offset"))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).mapToObj(String::valueOf).toList());
    }
}
