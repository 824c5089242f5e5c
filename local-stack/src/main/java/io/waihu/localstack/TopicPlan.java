package io.waihu.localstack;

import io.waihu.events.TopicSpec;
import io.waihu.events.Topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topics the stack creates, all derived from call-events' {@link Topics#all()} so no name is written twice. */
final class TopicPlan {

    private TopicPlan() {
    }

    /**
     * Every topic, plus one dead-letter topic per consumer of it, in a stable order. A DLQ gets its source's
     * partition count: it keeps the original key, so a replay keeps the same spread.
     */
    static Map<String, Integer> partitionsByTopic(List<TopicSpec> specs) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            topics.put(spec.name(), spec.partitions());
        }
        for (TopicSpec spec : specs) {
            for (String consumer : spec.consumers()) {
                topics.put(spec.dlqFor(consumer), spec.partitions());
            }
        }
        return topics;
    }

    static Map<String, Integer> partitionsByTopic() {
        return partitionsByTopic(Topics.all());
    }
}
