package io.waihu.analytics;

import io.waihu.analytics.service.FoldCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test bean: when each event's fold committed, and which events committed together. */
@ApplicationScoped
public class FoldCommits {

    private final Map<UUID, Long> committedAtMillis = new ConcurrentHashMap<>();
    private final List<List<UUID>> transactions = new CopyOnWriteArrayList<>();

    void on(@Observes FoldCommitted committed) {
        long at = committed.committedAt().toEpochMilli();
        committed.eventIds().forEach(id -> committedAtMillis.putIfAbsent(id, at));
        transactions.add(committed.eventIds());
    }

    public Long committedAt(UUID eventId) {
        return committedAtMillis.get(eventId);
    }

    /** How many fold transactions committed any of the given events. */
    public long transactionsWith(java.util.Set<UUID> events) {
        return transactions.stream().filter(tx -> tx.stream().anyMatch(events::contains)).count();
    }

    /** Commit instant (epoch ms) and number of the given events of each fold transaction that committed any of them. */
    public List<long[]> commitsOf(java.util.Set<UUID> events) {
        List<long[]> out = new java.util.ArrayList<>();
        for (List<UUID> tx : transactions) {
            long n = tx.stream().filter(events::contains).count();
            if (n > 0) {
                out.add(new long[]{committedAtMillis.get(tx.stream().filter(events::contains).findFirst().orElseThrow()), n});
            }
        }
        return out;
    }

    /** The largest number of the given events that one fold transaction committed together. */
    public int largestTogether(java.util.Set<UUID> events) {
        int largest = 0;
        for (List<UUID> tx : transactions) {
            largest = Math.max(largest, (int) tx.stream().filter(events::contains).count());
        }
        return largest;
    }

    /** Whether one fold transaction committed at least one event of every given set. */
    public boolean anyTransactionWithAll(List<? extends java.util.Set<UUID>> sets) {
        return transactions.stream().anyMatch(tx -> sets.stream().allMatch(set -> tx.stream().anyMatch(set::contains)));
    }
}
