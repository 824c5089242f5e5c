package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.billing.domain.Carrier;
import io.waihu.billing.domain.CarrierKind;
import io.waihu.billing.repository.CarrierRepository;
import io.waihu.billing.repository.TariffRepository;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class CarrierService {

    private final CarrierRepository carriers;
    private final TariffRepository tariffs;
    private final Clock clock;

    private final Pool pool;

    public CarrierService(CarrierRepository carriers, TariffRepository tariffs, Pool pool) {
        this.carriers = carriers;
        this.tariffs = tariffs;
        this.pool = pool;
        this.clock = Clock.systemUTC();
    }

    /** What a client may set on a carrier. */
    public record CarrierDraft(String code, String name, CarrierKind kind, String country, int weight, boolean active) {
    }

    public Uni<Carrier> create(String tenantId, CarrierDraft draft) {
        Instant now = clock.instant();
        Carrier carrier = new Carrier(UUID.randomUUID(), tenantId, draft.code(), draft.name(), draft.kind(), draft.country(),
                draft.weight(), draft.active(), now, now, 0);
        return carriers.insert(carrier).map(inserted -> {
            if (!inserted) {
                throw ProblemException.conflict("a carrier with code '" + draft.code() + "' already exists");
            }
            return carrier;
        });
    }

    public Uni<Carrier> get(String tenantId, UUID id) {
        return carriers.find(tenantId, id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("carrier", id)));
    }

    public Uni<Page<Carrier>> list(String tenantId, Boolean active, PageParams page) {
        return Page.of(carriers.page(tenantId, active, page), carriers.count(tenantId, active), page);
    }

    public Uni<Carrier> update(String tenantId, UUID id, CarrierDraft draft) {
        return get(tenantId, id).chain(current -> carriers.codeTakenByAnother(tenantId, draft.code(), id).chain(taken -> {
            if (taken) {
                throw ProblemException.conflict("a carrier with code '" + draft.code() + "' already exists");
            }
            Carrier changed = new Carrier(id, tenantId, draft.code(), draft.name(), draft.kind(), draft.country(),
                    draft.weight(), draft.active(), current.createdAt(), clock.instant(), current.version() + 1);
            // the dialer routes by the announced view, which carries name, weight and whether the carrier is active:
            // a change of those is announced again, in the same transaction as the change
            boolean routingChanged = !current.name().equals(changed.name()) || current.weight() != changed.weight()
                    || current.active() != changed.active();
            return pool.withTransaction(conn -> carriers.update(conn, changed, current.version()).call(updated -> updated && routingChanged
                    ? tariffs.reannounceInForce(conn, tenantId, id, changed.updatedAt()) : Uni.createFrom().voidItem())).map(updated -> {
                if (!updated) {
                    throw ProblemException.conflict("carrier " + id + " changed meanwhile; read it again");
                }
                return changed;
            });
        }));
    }

    /** A carrier whose tariff priced calls stays: its rated calls and statements refer to it. */
    public Uni<Void> delete(String tenantId, UUID id) {
        return tariffs.carrierHasTariff(tenantId, id).chain(hasTariff -> {
            if (hasTariff) {
                throw ProblemException.conflict("carrier " + id + " has a tariff; delete the tariff first, or set the carrier inactive");
            }
            return carriers.delete(tenantId, id);
        }).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("carrier", id);
            }
            return null;
        });
    }
}
