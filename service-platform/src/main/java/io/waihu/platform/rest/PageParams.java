package io.waihu.platform.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging query every list endpoint takes: {@code ?page=0&size=50}. */
public class PageParams {

    public static final int MAX_SIZE = 500;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Parameter(description = "zero-based page number")
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "must be between 1 and 500")
    @Max(value = MAX_SIZE, message = "must be between 1 and 500")
    @Parameter(description = "items per page, 1 to 500")
    public int size;

    public PageParams() {
    }

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public long offset() {
        return (long) page * size;
    }
}
