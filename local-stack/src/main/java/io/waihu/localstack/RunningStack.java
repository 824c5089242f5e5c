package io.waihu.localstack;

import io.waihu.infra.EmbeddedKafka;
import io.waihu.infra.EmbeddedPostgresServer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What {@code up} has started so far. {@link #stop()} undoes it in reverse order (services, then the broker,
 * then PostgreSQL) and may be called from the signal handler, the shutdown hook or a failed start: it runs once.
 */
final class RunningStack {

    static final long SERVICE_STOP_SECONDS = 20;

    // read without the lock: kill() must work while stop() holds it
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedPostgresServer postgres;
    private volatile boolean stopping;
    private boolean stopped;

    void kafka(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    void postgres(EmbeddedPostgresServer postgres) {
        this.postgres = postgres;
    }

    void add(ServiceProcess service) {
        services.add(service);
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    void markStopping() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopping = true;
        long start = System.nanoTime();
        List<ServiceProcess> alive = services.stream().filter(s -> s.process().isAlive()).toList();
        if (!alive.isEmpty()) {
            Console.say("stopping " + String.join(", ", alive.stream().map(s -> s.service().name()).toList()) + " ...");
            alive.forEach(s -> s.process().destroy());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVICE_STOP_SECONDS);
            for (ServiceProcess service : alive) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!service.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                        Console.say(service.service().name() + " did not stop within " + SERVICE_STOP_SECONDS
                                + " s, killing it");
                        service.process().destroyForcibly();
                        service.process().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    service.process().destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            Console.say("services stopped (" + Console.seconds(start) + ")");
        }
        if (kafka != null) {
            long t = System.nanoTime();
            Console.say("stopping Kafka ...");
            try {
                kafka.close();
                Console.say("Kafka stopped (" + Console.seconds(t) + ")");
            } catch (Exception e) {
                Console.say("Kafka did not stop cleanly: " + e);
            }
            kafka = null;
        }
        if (postgres != null) {
            long t = System.nanoTime();
            Console.say("stopping PostgreSQL ...");
            try {
                postgres.close();
                Console.say("PostgreSQL stopped (" + Console.seconds(t) + ")");
            } catch (Exception e) {
                Console.say("PostgreSQL did not stop cleanly: " + e);
            }
            postgres = null;
        }
        stopped = true;
    }

    /**
     * After a second Ctrl-C: no more waiting. The broker dies with this JVM, but PostgreSQL is a process of
     * its own, so it still gets its (fast) stop rather than being left holding the port.
     */
    void kill() {
        stopping = true;
        for (ServiceProcess service : services) {
            service.process().destroyForcibly();
        }
        EmbeddedPostgresServer pg = postgres;
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception e) {
                // halting anyway
            }
        }
    }
}
