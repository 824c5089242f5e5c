package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.billing.service.CallDetailRecordService;
import io.waihu.events.billing.DestinationClass;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.rest.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(summary = "List call records, newest first, filtered by campaign, carrier, destination class, end time and rating status")
    @APIResponse(responseCode = "200", description = "a page of call records")
    @APIResponse(responseCode = "400", description = "an invalid filter (to not after from, unknown class or status)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<CallDetailRecord>> list(@BeanParam @Valid PageParams page,
                                            @QueryParam("campaignId") String campaignId,
                                            @QueryParam("carrierId") String carrierId,
                                            @QueryParam("destinationClass") DestinationClass destinationClass,
                                            @Parameter(description = "calls that ended at or after this instant") @QueryParam("from") Instant from,
                                            @Parameter(description = "calls that ended before this instant") @QueryParam("to") Instant to,
                                            @Parameter(description = "RATED, or UNRATED for the calls no tariff priced")
                                            @QueryParam("ratingStatus") CallDetailRecord.RatingStatus ratingStatus) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.badRequest("to: must be after from");
        }
        return records.list(tenant.tenantId(), new CallDetailRecordRepository.Filter(campaignId, carrierId,
                destinationClass == null ? null : destinationClass.name(), from, to, ratingStatus == null ? null : ratingStatus.name()), page);
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Get one call's record, cost and breakdown")
    @APIResponse(responseCode = "200", description = "the call record")
    @APIResponse(responseCode = "404", description = "no such call in the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallDetailRecord> get(@PathParam("callId") String callId) {
        return records.get(tenant.tenantId(), callId);
    }
}
