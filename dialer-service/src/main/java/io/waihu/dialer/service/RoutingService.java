package io.waihu.dialer.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.waihu.dialer.domain.routing.CarrierTariff;
import io.waihu.dialer.domain.routing.RouteRanking;
import io.waihu.dialer.domain.routing.RoutingTable;
import io.waihu.dialer.repository.TariffRepository;
import io.waihu.events.billing.TariffEvent;
import io.waihu.events.billing.TariffPublished;
import io.waihu.platform.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing table: every tariff version billing announced, stored (it survives a restart) and held in memory
 * as an immutable {@link RoutingTable} that is swapped whole when a version arrives.
 */
@ApplicationScoped
public class RoutingService {

    static final String CONSUMER = "dialer.tariff-events";
    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final TariffRepository tariffs;
    private final EventInbox inbox;
    private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);
    private final List<CarrierTariff> loaded = new ArrayList<>();

    public RoutingService(TariffRepository tariffs, EventInbox inbox) {
        this.tariffs = tariffs;
        this.inbox = inbox;
    }

    void load(@Observes StartupEvent ignored) {
        List<CarrierTariff> all = tariffs.all().await().indefinitely();
        synchronized (loaded) {
            loaded.clear();
            loaded.addAll(all);
            table.set(new RoutingTable(loaded));
        }
        LOG.infof("routing table: %d tariff versions", all.size());
    }

    public Uni<Boolean> apply(TariffEvent event) {
        if (!(event instanceof TariffPublished t)) {
            return Uni.createFrom().item(false);
        }
        return inbox.applyOnce(CONSUMER, t, conn -> tariffs.store(conn, t))
                .invoke(applied -> add(new CarrierTariff(t.tenantId(), t.tariffId(), t.tariffVersion(), t.carrierId(), t.carrierName(),
                        t.currency(), t.validFrom(), t.validUntil(), t.weight(), t.routes())));
    }

    private void add(CarrierTariff tariff) {
        synchronized (loaded) {
            loaded.removeIf(t -> t.tenantId().equals(tariff.tenantId()) && t.tariffId().equals(tariff.tariffId())
                    && t.tariffVersion() == tariff.tariffVersion());
            loaded.add(tariff);
            table.set(new RoutingTable(loaded));
        }
    }

    public RoutingTable table() {
        return table.get();
    }

    public RouteRanking rank(String tenantId, String number, List<String> allowedCarrierIds, String preferredCurrency, Instant now) {
        return table.get().rank(tenantId, number, allowedCarrierIds, preferredCurrency, now);
    }
}
