package io.waihu.campaign.domain;

import java.util.List;

/**
 * What a bulk suppression upload did: rows read (without the header), entries added or refreshed, rows refused.
 * {@code errors} lists the first {@value #MAX_LISTED_ERRORS} refusals; {@code rejected} counts all of them.
 */
public record SuppressionUploadResult(long rowsRead, long added, long rejected, List<ImportRowError> errors) {

    public static final int MAX_LISTED_ERRORS = 1000;
}
