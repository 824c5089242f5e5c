package io.waihu.dialer.rest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.waihu.dialer.domain.DialerCampaign;
import io.waihu.dialer.domain.routing.RouteRanking;
import io.waihu.dialer.service.RoutingService;
import io.waihu.dialer.service.DialerCampaignService;
import io.waihu.platform.rest.Problem;
import io.waihu.platform.rest.ProblemException;
import io.waihu.platform.security.Roles;
import io.waihu.platform.security.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import java.time.Instant;
import java.util.List;

@Path("/api/v1/routes")
@Tag(name = "routes", description = "Least-cost carrier choice, explained")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RoutingService routing;
    private final DialerCampaignService campaigns;
    private final TenantContext tenant;

    public RouteResource(RoutingService routing, DialerCampaignService campaigns, TenantContext tenant) {
        this.routing = routing;
        this.campaigns = campaigns;
        this.tenant = tenant;
    }

    /** The ranking: carriers best first (the first is dialled, the rest are the failover order) and the ones left out. */
    public record RouteExplanation(String number, String campaignId, List<String> allowedCarrierIds, Instant at, RouteRanking ranking) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @Operation(summary = "Which carrier would carry a call to this number now, and why",
            description = "Per carrier the longest matching prefix of its tariff version in force; carriers ranked by the typical call's "
                    + "cost (never across currencies), then higher weight. With campaignId, only the campaign's allowed carriers.")
    @APIResponse(responseCode = "400", description = "number is not E.164", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RouteExplanation> explain(@QueryParam("number") String number, @QueryParam("campaignId") String campaignId) {
        // an unescaped '+' in a query string arrives as a space
        String raw = number == null ? "" : number.startsWith(" ") ? "+" + number.trim() : number.trim();
        String e164;
        try {
            PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
            Phonenumber.PhoneNumber parsed = phones.parse(raw, "ZZ");
            if (!raw.startsWith("+") || !phones.isPossibleNumber(parsed)) {
                throw new NumberParseException(NumberParseException.ErrorType.NOT_A_NUMBER, "not a possible number");
            }
            e164 = phones.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw ProblemException.badRequest("number: an E.164 number such as +8613800138000 is required (" + e.getMessage() + ")");
        }
        String tenantId = tenant.tenantId();
        Instant now = Instant.now();
        if (campaignId == null || campaignId.isBlank()) {
            return Uni.createFrom().item(new RouteExplanation(e164, null, List.of(), now, routing.rank(tenantId, e164, List.of(), null, now)));
        }
        return campaigns.get(tenantId, campaignId).map((DialerCampaign c) -> new RouteExplanation(e164, campaignId, c.allowedCarrierIds(), now,
                routing.rank(tenantId, e164, c.allowedCarrierIds(), c.budgetCurrency(), now)));
    }
}
