package io.waihu.campaign.domain;

/** Why one row of an upload was refused: its line in the file (the header is line 1), the column and the reason. */
public record ImportRowError(long line, String column, String reason) {
}
