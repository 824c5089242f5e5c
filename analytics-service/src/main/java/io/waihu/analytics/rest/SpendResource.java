package io.waihu.analytics.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.analytics.domain.SpendRollup;
import io.waihu.analytics.service.SpendService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/spend")
@Tag(name = "spend", description = "What the calls cost, hour by hour")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SpendResource {

    private final SpendService spend;
    private final TenantContext tenant;

    public SpendResource(SpendService spend, TenantContext tenant) {
        this.spend = spend;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Hourly spend per campaign, carrier and currency, newest hour first")
    public Uni<Page<SpendRollup>> list(@BeanParam @Valid PageParams page, @QueryParam("campaignId") String campaignId) {
        return spend.list(tenant.tenantId(), campaignId, page);
    }
}
