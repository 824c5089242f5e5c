package io.waihu.billing.domain.rating;

/** A fault in an uploaded deck: where (line and column) and why. Line 0 means the deck as a whole. */
public record DeckError(int line, String column, String reason) {
}
