package io.waihu.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.service.FoldService;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.events.campaign.OutcomeEvent;
import io.waihu.events.dialer.CallEvent;
import io.waihu.platform.messaging.DeadLetters;
import io.waihu.platform.messaging.IncomingBatches;
import io.waihu.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dialer.call-events.v1 (dialer-service), billing.charge-events.v1 (billing-service) and campaign.outcome-events.v1
 * (campaign-service) on one channel. Their events change the same facts and rollup rows (a call's CallEnded, its
 * CallCharged and its outcome land on one fact and one rollup row), so a poll of all three is folded in one
 * transaction that writes each row once. With a consumer per topic, two transactions took the same rows' locks and
 * one waited for the other's commit (docs/analytics.md).
 * <p>
 * Each record is read against its own topic's contract. Order is kept within a partition, as Kafka delivers it;
 * across topics the fold does not depend on order (a charge may come before its call).
 */
@ApplicationScoped
public class FoldEventsConsumer {

    public static final String CHANNEL = "fold-events-in";

    /** The topics of the channel and the contract of each, in the order a failed poll is retried topic by topic. */
    static final Map<String, Class<? extends WaihuEvent>> CONTRACTS = contracts();

    private final FoldService fold;
    private final DeadLetters deadLetters;

    public FoldEventsConsumer(FoldService fold, DeadLetters deadLetters) {
        this.fold = fold;
        this.deadLetters = deadLetters;
    }

    private static Map<String, Class<? extends WaihuEvent>> contracts() {
        Map<String, Class<? extends WaihuEvent>> m = new LinkedHashMap<>();
        m.put(Topics.CALL_EVENTS, CallEvent.class);
        m.put(Topics.CHARGE_EVENTS, ChargeEvent.class);
        m.put(Topics.OUTCOME_EVENTS, OutcomeEvent.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The whole poll in one transaction. A poll with a record that cannot be read, or whose fold fails (a transient
     * database error, an event the fact refuses), is handed topic by topic to {@link IncomingBatches}: unreadable
     * records are dead-lettered alone to their own topic's dead-letter topic, transient failures retried with
     * back-off, and a batch that still fails folded one event at a time so that only the refused one is
     * dead-lettered. Folding again what the failed attempt rolled back is safe: nothing of it was committed.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> poll) {
        List<WaihuEvent> events = new ArrayList<>(poll.count());
        for (ConsumerRecord<String, String> record : poll) {
            Class<? extends WaihuEvent> contract = CONTRACTS.get(record.topic());
            try {
                if (contract == null) {
                    throw new IllegalStateException("no contract for topic " + record.topic());
                }
                IncomingEvents.read(record, contract).ifPresent(events::add);
            } catch (RuntimeException unreadable) {
                return byTopic(poll);
            }
        }
        return fold.foldAll(events).onFailure().recoverWithUni(failure -> byTopic(poll));
    }

    private Uni<Void> byTopic(ConsumerRecords<String, String> poll) {
        Map<String, List<ConsumerRecord<String, String>>> byTopic = new LinkedHashMap<>();
        CONTRACTS.keySet().forEach(t -> byTopic.put(t, new ArrayList<>()));
        for (ConsumerRecord<String, String> record : poll) {
            byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> topic : byTopic.entrySet()) {
            List<ConsumerRecord<String, String>> records = topic.getValue();
            Class<? extends WaihuEvent> contract = CONTRACTS.get(topic.getKey());
            if (records.isEmpty()) {
                continue;
            }
            if (contract == null) {
                // a topic this channel was not meant to read: kept in a dead-letter topic, never folded
                for (ConsumerRecord<String, String> record : records) {
                    chain = chain.chain(() -> deadLetters.send(record,
                            new IllegalStateException("analytics folds no events from " + record.topic())));
                }
            } else {
                chain = chain.chain(() -> handle(records, contract));
            }
        }
        return chain;
    }

    private <E extends WaihuEvent> Uni<Void> handle(List<ConsumerRecord<String, String>> records, Class<E> contract) {
        return IncomingBatches.handle(records, contract, deadLetters, fold::foldAll);
    }
}
