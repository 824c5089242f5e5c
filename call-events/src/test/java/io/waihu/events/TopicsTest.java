package io.waihu.events;

import org.junit.jupiter.api.Test;

import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void namesFollowOwnerStreamMajor() {
        assertThat(Topics.all()).hasSize(9).allSatisfy(topic ->
                assertThat(topic.name()).matches("[a-z]+\\.[a-z-]+\\.v1"));
        assertThat(Topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates();
    }

    @Test
    void partitionsAreSixExceptTheLowVolumeTopics() {
        assertThat(Topics.spec(Topics.TARIFF_EVENTS).partitions()).isEqualTo(3);
        assertThat(Topics.spec(Topics.ALERT_EVENTS).partitions()).isEqualTo(3);
        assertThat(Topics.spec(Topics.SUPPRESSION_EVENTS).partitions()).isEqualTo(3);
        java.util.Set<String> lowVolume = java.util.Set.of(Topics.TARIFF_EVENTS, Topics.ALERT_EVENTS, Topics.SUPPRESSION_EVENTS);
        assertThat(Topics.all()).filteredOn(t -> !lowVolume.contains(t.name()))
                .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(6));
    }

    @Test
    void everyConsumerHasItsOwnDeadLetterTopic() {
        var plan = Topics.withDeadLetterTopics();
        int consumers = Topics.all().stream().mapToInt(t -> t.consumers().size()).sum();
        assertThat(plan).hasSize(Topics.all().size() + consumers)
                .containsEntry(Topics.CALL_EVENTS, 6)
                .containsEntry("dialer.call-events.v1.billing-service.dlq", 6)
                .containsEntry("billing.tariff-events.v1.dialer-service.dlq", 3);
        assertThat(plan.keySet()).filteredOn(name -> name.endsWith(Topics.DLQ_SUFFIX)).hasSize(consumers);
    }

    @Test
    void keysAndOwners() {
        assertThat(Topics.spec(Topics.CALL_EVENTS).keyField()).isEqualTo("callId");
        assertThat(Topics.spec(Topics.CALL_EVENTS).consumers())
                .containsExactly(Services.BILLING, Services.CAMPAIGN, Services.ANALYTICS);
        assertThat(Topics.spec(Topics.CONTACT_EVENTS).keyField()).isEqualTo("externalId");
        assertThat(Topics.spec(Topics.TARIFF_EVENTS).keyField()).isEqualTo("carrierId");
        assertThat(Topics.producedBy(Services.CAMPAIGN)).extracting(TopicSpec::name)
                .containsExactly(Topics.CAMPAIGN_EVENTS, Topics.DIAL_REQUESTS, Topics.SUPPRESSION_EVENTS,
                        Topics.OUTCOME_EVENTS);
        assertThat(Topics.consumedBy(Services.DIALER)).extracting(TopicSpec::name)
                .containsExactly(Topics.CAMPAIGN_EVENTS, Topics.DIAL_REQUESTS, Topics.SUPPRESSION_EVENTS,
                        Topics.TARIFF_EVENTS);
        assertThatThrownBy(() -> Topics.spec("dialer.call-events.v2")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void deadLetterTopicPerConsumer() {
        assertThat(Topics.dlq(Topics.CALL_EVENTS, Services.BILLING)).isEqualTo("dialer.call-events.v1.billing-service.dlq");
        assertThat(Topics.spec(Topics.CALL_EVENTS).dlqFor(Services.CAMPAIGN))
                .isEqualTo("dialer.call-events.v1.campaign-service.dlq");
        assertThatThrownBy(() -> Topics.spec(Topics.CALL_EVENTS).dlqFor(Services.DIALER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.dlq(Topics.CALL_EVENTS, "")).isInstanceOf(InvalidEventException.class);
        assertThat(Topics.DLQ_REASON_HEADER).isEqualTo("dead-letter-reason");
    }
}
