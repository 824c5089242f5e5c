package io.waihu.billing.rest;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.service.QuoteService;
import io.waihu.events.Money;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Tag(name = "quotes and routes", description = "What a call would cost on each carrier, and the cheapest carrier for a number")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    private final QuoteService quotes;
    private final TenantContext tenant;
    private final Clock clock = Clock.systemUTC();

    public QuoteResource(QuoteService quotes, TenantContext tenant) {
        this.quotes = quotes;
        this.tenant = tenant;
    }

    @Schema(name = "QuoteRequest")
    public record QuoteRequest(@NotBlank @Schema(example = "+8613800138000") String number,
                               @NotNull @Schema(description = "when the call is answered", example = "2026-11-23T02:00:00Z") Instant startAt,
                               @NotNull @Min(0) @Max(259_200) @Schema(example = "95") Long durationSeconds,
                               @Schema(description = "one carrier; all carriers with a tariff when absent") UUID carrierId) {
    }

    /** One carrier's quote: its cost with the full breakdown, or the reason it cannot price the call. */
    @Schema(name = "CarrierQuote")
    public record CarrierQuoteView(UUID carrierId, String carrierCode, String carrierName, int weight, Money cost,
                                   RatedCall breakdown, String unratedReason, String unratedDetail) {

        static CarrierQuoteView of(QuoteService.CarrierQuote q) {
            return new CarrierQuoteView(q.carrier().id(), q.carrier().code(), q.carrier().name(), q.carrier().weight(),
                    q.rated() == null ? null : new Money(q.rated().cost(), q.rated().currency()), q.rated(),
                    q.unrated() == null ? null : q.unrated().reason().name(), q.unrated() == null ? null : q.unrated().detail());
        }
    }

    @POST
    @Path("/quotes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Rate a hypothetical call on one carrier or all of them, with breakdowns",
            description = "One entry per carrier: its cost and breakdown, or unratedReason (NO_TARIFF for a carrier without a tariff in force, "
                    + "INVALID_NUMBER, NO_DESTINATION, NO_RATE_FOR_BAND) and unratedDetail")
    @APIResponse(responseCode = "200", description = "a quote per carrier")
    @APIResponse(responseCode = "400", description = "invalid request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "carrierId is not a carrier of the tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<CarrierQuoteView>> quote(@NotNull(message = "a JSON body is required") @Valid QuoteRequest request) {
        return quotes.quote(tenant.tenantId(), request.number(), request.startAt(), request.durationSeconds(), request.carrierId())
                .map(list -> list.stream().map(CarrierQuoteView::of).toList());
    }

    @GET
    @Path("/routes")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Least-cost routing: the active carriers that reach a number, cheapest first for a typical call; "
            + "ties go to the higher weight")
    @APIResponse(responseCode = "200", description = "the carriers that can price the call, cheapest first (grouped by currency)")
    @APIResponse(responseCode = "400", description = "no tariff can read the number, or an invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<CarrierQuoteView>> routes(@NotBlank @QueryParam("number") String number,
                                              @Min(1) @Max(86_400) @DefaultValue("60") @QueryParam("durationSeconds") long durationSeconds,
                                              @QueryParam("at") Instant at) {
        return quotes.routes(tenant.tenantId(), number, at == null ? clock.instant() : at, durationSeconds)
                .map(list -> list.stream().map(CarrierQuoteView::of).toList());
    }
}
