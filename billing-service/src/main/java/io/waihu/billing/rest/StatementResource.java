package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.service.StatementService;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/api/v1/statements")
@Tag(name = "statements", description = "Cost of a period by carrier and destination class")
@SecurityRequirement(name = "bearer")
public class StatementResource {

    private final StatementService statements;
    private final TenantContext tenant;

    public StatementResource(StatementService statements, TenantContext tenant) {
        this.statements = statements;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Rated calls that ended in [from, to): totals by carrier × destination class × currency",
            description = "Each line names the carrier (id, code, name). Calls of the period no tariff priced are not in the lines or "
                    + "totals; they are counted in unratedCalls and unratedByReason (list them with GET /api/v1/call-records?ratingStatus=UNRATED)")
    @APIResponse(responseCode = "200", description = "the statement")
    @APIResponse(responseCode = "400", description = "from or to missing, to not after from, or more than 366 days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StatementService.Statement> statement(@Parameter(required = true) @QueryParam("from") Instant from,
                                                     @Parameter(required = true) @QueryParam("to") Instant to) {
        return statements.statement(tenant.tenantId(), from, to);
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "The statement's lines as CSV: carrierId,carrierCode,carrierName,destinationClass,currency,calls,"
            + "billableSeconds,billedSeconds,cost")
    @APIResponse(responseCode = "400", description = "from or to missing, to not after from, or more than 366 days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> csv(@Parameter(required = true) @QueryParam("from") Instant from,
                             @Parameter(required = true) @QueryParam("to") Instant to) {
        return statements.statement(tenant.tenantId(), from, to).map(s -> Response.ok(StatementService.csv(s))
                .header("Content-Disposition", "attachment; filename=\"statement-" + from + "-" + to + ".csv\"").build());
    }
}
