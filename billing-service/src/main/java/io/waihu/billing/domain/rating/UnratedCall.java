package io.waihu.billing.domain.rating;

import io.waihu.events.billing.UnratedReason;

public record UnratedCall(UnratedReason reason, String detail) implements RatingOutcome {
}
