package io.waihu.dialer.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.config.DialerConfig;
import io.waihu.dialer.repository.CallRepository;
import io.waihu.events.Topics;
import io.waihu.platform.messaging.Outbox;
import io.waihu.events.WaihuEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes call (and agent) state changes with their events. Each change's statements and its outbox rows commit
 * in one transaction; changes that arrive while a transaction is in flight are grouped into the next one (group
 * commit), with the statements of one kind sent as one batch, which is what lets the dialer place hundreds of calls
 * a second on a small machine. Outbox rows are inserted in submission order, so a call's events keep their order.
 */
@ApplicationScoped
public class CallJournal {

    private static final Logger LOG = Logger.getLogger(CallJournal.class);
    private static final int ATTEMPTS = 5;

    /**
     * One SQL statement of a change. Statements with the same SQL are sent as one batch; batches go out in
     * ascending {@code order} (a call's lifecycle order: placed, ringing, answered, bridged, ended), so when one
     * transaction holds several changes of the same call the last state wins.
     */
    public record Statement(String sql, Tuple params, int order, CallUpdate update) {

        public Statement(String sql, Tuple params) {
            this(sql, params, 0, null);
        }

        /** A call row's state change; merged with others of the same call and written in one statement. */
        public static Statement of(CallUpdate update) {
            return new Statement(null, null, update.order(), update);
        }
    }

    private record Entry(List<Statement> statements, List<WaihuEvent> events, CompletableFuture<Void> done) {
    }

    private final Pool pool;
    private final Outbox outbox;
    private final int batch;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    public CallJournal(Pool pool, Outbox outbox, DialerConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.batch = config.journalBatch();
    }

    /** @return completes when the change is committed */
    public CompletableFuture<Void> write(List<Statement> statements, List<? extends WaihuEvent> events) {
        Entry entry = new Entry(statements, List.copyOf(events), new CompletableFuture<>());
        queue.add(entry);
        flush();
        return entry.done();
    }

    public Uni<Void> writeUni(List<Statement> statements, List<? extends WaihuEvent> events) {
        return Uni.createFrom().completionStage(() -> write(statements, events));
    }

    /** Changes waiting to be written (for the health of the benchmark and metrics). */
    public int backlog() {
        return queue.size();
    }

    private void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<Entry> taken = new ArrayList<>();
        Entry e;
        while (taken.size() < batch && (e = queue.poll()) != null) {
            taken.add(e);
        }
        if (taken.isEmpty()) {
            flushing.set(false);
            if (!queue.isEmpty()) {
                flush();
            }
            return;
        }
        commit(taken, 1);
    }

    private void commit(List<Entry> taken, int attempt) {
        pool.withTransaction(conn -> apply(conn, taken)).subscribe().with(ok -> {
            taken.forEach(t -> t.done().complete(null));
            flushing.set(false);
            flush();
        }, failure -> {
            if (attempt < ATTEMPTS) {
                LOG.warnf("call journal: batch of %d failed (attempt %d), retrying: %s", taken.size(), attempt, failure.getMessage());
                commit(taken, attempt + 1);
                return;
            }
            LOG.errorf(failure, "call journal: batch of %d changes could not be written", taken.size());
            taken.forEach(t -> t.done().completeExceptionally(failure));
            flushing.set(false);
            flush();
        });
    }

    private Uni<Void> apply(SqlConnection conn, List<Entry> taken) {
        Map<String, List<Tuple>> bySql = new LinkedHashMap<>();
        Map<String, Integer> orderOf = new HashMap<>();
        Map<String, CallUpdate> calls = new LinkedHashMap<>();
        List<WaihuEvent> events = new ArrayList<>();
        for (Entry entry : taken) {
            for (Statement s : entry.statements()) {
                if (s.update() != null) {
                    calls.merge(s.update().tenantId() + "/" + s.update().callId(), s.update(), CallUpdate::merge);
                    continue;
                }
                bySql.computeIfAbsent(s.sql(), k -> new ArrayList<>()).add(s.params());
                orderOf.putIfAbsent(s.sql(), s.order());
            }
            events.addAll(entry.events());
        }
        List<String> sqls = new ArrayList<>(bySql.keySet());
        sqls.sort(Comparator.comparingInt(orderOf::get));
        Uni<Void> chain = calls.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery(CallRepository.UPDATE_MANY).execute(CallRepository.updateManyParams(calls.values())).replaceWithVoid();
        for (String sql : sqls) {
            List<Tuple> batch = bySql.get(sql);
            chain = chain.chain(() -> conn.preparedQuery(sql).executeBatch(batch).replaceWithVoid());
        }
        return chain.chain(() -> outbox.appendAll(conn, Topics.CALL_EVENTS, events));
    }
}
