package io.waihu.billing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waihu.billing.domain.rating.DeckError;
import io.waihu.billing.service.DeckRejectedException;
import io.waihu.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A refused deck answers 422 with every fault: line, column, reason. */
public class DeckProblemMapper {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeckProblem(String type, String title, int status, String detail, String instance, List<DeckError> errors) {
    }

    @ServerExceptionMapper
    public Response rejected(DeckRejectedException e, UriInfo uri) {
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(new DeckProblem(Problem.TYPE_BASE + e.slug(), e.title(), 422,
                e.getMessage(), uri.getPath(), e.errors())).build();
    }
}
