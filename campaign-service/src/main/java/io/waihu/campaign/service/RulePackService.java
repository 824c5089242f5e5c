package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.RulePack;
import io.waihu.campaign.repository.RulePackRepository;
import io.waihu.campaign.rest.RulePackRequest;
import io.waihu.events.campaign.CallingWindow;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class RulePackService {

    private final RulePackRepository packs;

    public RulePackService(RulePackRepository packs) {
        this.packs = packs;
    }

    public Uni<List<RulePack>> list(String tenantId) {
        return packs.list(tenantId);
    }

    public Uni<RulePack> get(String tenantId, String id, Integer version) {
        return packs.find(tenantId, id, version).map(found -> found.orElseThrow(() ->
                ProblemException.notFound("rule pack", version == null ? id : id + " version " + version)));
    }

    public Uni<RulePack> createVersion(String tenantId, RulePackRequest r) {
        try {
            ZoneId.of(r.abandonWindowZone());
        } catch (DateTimeException e) {
            throw new ProblemException(400, "validation", "Invalid request", "abandonWindowZone: is not an IANA time zone");
        }
        List<CallingWindow> windows = new ArrayList<>();
        for (int i = 0; i < r.legalWindows().size(); i++) {
            var w = r.legalWindows().get(i);
            if (w.endMinute() <= w.startMinute()) {
                throw new ProblemException(400, "validation", "Invalid request", "legalWindows[" + i + "].end: must be after start");
            }
            windows.add(new CallingWindow(w.day(), w.startMinute(), w.endMinute()));
        }
        return packs.find(tenantId, r.id(), null).chain(existing -> {
            if (existing.isPresent() && existing.get().builtIn()) {
                throw ProblemException.conflict("rule pack id " + r.id() + " is built in; choose another id for your own pack");
            }
            return packs.insertNextVersion(new RulePack(tenantId, r.id(), 0, r.name(), r.description(), windows,
                    r.abandonLimitBasisPoints(), r.abandonWindow(), r.abandonWindowZone(), r.noRedialAfterAbandonHours(),
                    r.consentRequired(), null));
        });
    }
}
