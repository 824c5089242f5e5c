package io.waihu.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
public record Problem(
        @Schema(description = "URI that identifies the kind of problem", example = "https://waihu.io/problems/validation")
        String type,
        @Schema(example = "Invalid request")
        String title,
        @Schema(example = "400")
        int status,
        @Schema(example = "name: must not be blank")
        String detail,
        @Schema(description = "the request path", example = "/api/v1/carriers")
        String instance,
        @Schema(description = "one entry per invalid field")
        List<Violation> violations,
        @Schema(description = "quote it when reporting a server error; the log has the details")
        String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://waihu.io/problems/";

    /** One invalid field: its path in the request (body field, query or path parameter) and why. */
    public record Violation(String field, String message) {
    }
}
