package io.waihu.campaign.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.ImportFormat;
import io.waihu.campaign.domain.ImportJob;
import io.waihu.campaign.domain.ImportRowError;
import io.waihu.campaign.domain.ImportStatus;
import io.waihu.campaign.service.ImportService;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/imports")
@Tag(name = "contact lists")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "no such import in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ImportResource {

    /** An import job as clients see it: counters, percent of the upload read, speed. */
    public record ImportJobView(UUID id, String listId, ImportFormat format, ImportStatus status,
                                @Schema(description = "size of the upload") long totalBytes, long bytesRead,
                                @Schema(description = "share of the upload read, 0 to 100") double percentDone,
                                @Schema(description = "data rows read (CSV header and blank lines not counted)") long rowsRead,
                                @Schema(description = "rows written: contacts created or updated") long rowsAccepted,
                                @Schema(description = "rows refused, each listed under /errors") long rowsRejected,
                                @Schema(description = "accepted rows of contacts that had opted out: data updated, still OPTED_OUT") long rowsKeptOptedOut,
                                @Schema(description = "refusals stored (at most 100,000 per job)") long errorsStored,
                                String failure, Instant createdAt, Instant startedAt, Instant finishedAt,
                                @Schema(description = "rows read per second since the start") Double rowsPerSecond) {

        public static ImportJobView of(ImportJob j, Instant now) {
            return new ImportJobView(j.id(), j.listId(), j.format(), j.status(), j.totalBytes(), j.bytesRead(), j.percentDone(),
                    j.rowsRead(), j.rowsAccepted(), j.rowsRejected(), j.rowsKeptOptedOut(), j.errorsStored(), j.failure(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), j.rowsPerSecond(now));
        }
    }

    private final ImportService imports;
    private final TenantContext tenant;

    public ImportResource(ImportService imports, TenantContext tenant) {
        this.imports = imports;
        this.tenant = tenant;
    }

    @GET
    @Path("/{jobId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "An import's status and progress")
    public Uni<ImportJobView> get(@PathParam("jobId") UUID jobId) {
        return imports.get(tenant.tenantId(), jobId).map(job -> ImportJobView.of(job, Instant.now()));
    }

    @GET
    @Path("/{jobId}/errors")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "The rows the import refused, in file order: line (the CSV header is line 1), column, reason")
    public Uni<Page<ImportRowError>> errors(@PathParam("jobId") UUID jobId, @BeanParam @Valid PageParams page) {
        return imports.errors(tenant.tenantId(), jobId, page);
    }

    @GET
    @Path("/{jobId}/errors.csv")
    @Produces("text/csv")
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Every refused row as CSV: line,column,reason")
    public Response errorsCsv(@PathParam("jobId") UUID jobId) {
        String tenantId = tenant.tenantId();
        // 404 before the body starts
        imports.get(tenantId, jobId).await().indefinitely();
        StreamingOutput body = out -> imports.writeErrorsCsv(tenantId, jobId, out);
        return Response.ok(body, "text/csv")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + jobId + "-errors.csv\"").build();
    }
}
