package io.waihu.analytics.service;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.domain.SpendRollup;
import io.waihu.analytics.repository.SpendRollupRepository;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

/** Hourly spend per campaign, carrier and currency by charge time (GET /api/v1/spend); folded by {@link FoldService}. */
@ApplicationScoped
public class SpendService {

    private final SpendRollupRepository rollups;
    public SpendService(SpendRollupRepository rollups) {
        this.rollups = rollups;
    }

    public Uni<Page<SpendRollup>> list(String tenantId, String campaignId, PageParams page) {
        return Page.of(rollups.page(tenantId, campaignId, page), rollups.count(tenantId, campaignId), page);
    }
}
