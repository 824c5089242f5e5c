package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.service.CallDetailRecordService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/call-records")
@Tag(name = "call records", description = "Ended calls as billing received them from the dialer")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CallDetailRecordResource {

    private final CallDetailRecordService records;
    private final TenantContext tenant;

    public CallDetailRecordResource(CallDetailRecordService records, TenantContext tenant) {
        this.records = records;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "List call detail records, newest first")
    public Uni<Page<CallDetailRecord>> list(@BeanParam @Valid PageParams page, @QueryParam("campaignId") String campaignId) {
        return records.list(tenant.tenantId(), campaignId, page);
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get the record of one call")
    public Uni<CallDetailRecord> get(@PathParam("callId") String callId) {
        return records.get(tenant.tenantId(), callId);
    }
}
