package io.waihu.events;

import java.util.List;

/**
 * One Kafka topic: who writes it, who reads it, what keys it and which event family it carries.
 *
 * @param name           topic name, {@code <owner>.<stream>.v<major>}
 * @param keyField       the JSON field whose value is the Kafka record key (and the event's aggregateId)
 * @param producer       the one service that writes the topic
 * @param consumers      services that read it, each as its own consumer group
 * @param partitions     partition count to create the topic with
 * @param eventInterface the sealed interface whose records travel on the topic; read with it
 */
public record TopicSpec(String name, String keyField, String producer, List<String> consumers, int partitions,
                        Class<? extends WaihuEvent> eventInterface) {

    public TopicSpec {
        Require.id(name, "name");
        Require.id(keyField, "keyField");
        Require.id(producer, "producer");
        consumers = List.copyOf(consumers);
        Require.atLeast(partitions, 1, "partitions");
        Require.present(eventInterface, "eventInterface");
    }

    /** The dead-letter topic of one of this topic's consumers. */
    public String dlqFor(String consumer) {
        if (!consumers.contains(consumer)) {
            throw new IllegalArgumentException(consumer + " does not consume " + name + " (consumers: " + consumers + ")");
        }
        return Topics.dlq(name, consumer);
    }
}
