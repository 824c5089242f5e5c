package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.billing.service.CallDetailRecordService;
import io.waihu.events.billing.DestinationClass;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/api/v1/call-records")
@Tag(name = "rated calls", description = "Every ended call as billing received it, with its cost and breakdown or why it is unrated")
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
    @Operation(summary = "List call records, newest first, filtered by campaign, carrier, destination class and end time")
    public Uni<Page<CallDetailRecord>> list(@BeanParam @Valid PageParams page,
                                            @QueryParam("campaignId") String campaignId,
                                            @QueryParam("carrierId") String carrierId,
                                            @QueryParam("destinationClass") DestinationClass destinationClass,
                                            @Parameter(description = "calls that ended at or after this instant") @QueryParam("from") Instant from,
                                            @Parameter(description = "calls that ended before this instant") @QueryParam("to") Instant to) {
        return records.list(tenant.tenantId(), new CallDetailRecordRepository.Filter(campaignId, carrierId,
                destinationClass == null ? null : destinationClass.name(), from, to), page);
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get one call's record, cost and breakdown")
    public Uni<CallDetailRecord> get(@PathParam("callId") String callId) {
        return records.get(tenant.tenantId(), callId);
    }
}
