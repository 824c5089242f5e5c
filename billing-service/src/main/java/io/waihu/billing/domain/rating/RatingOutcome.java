package io.waihu.billing.domain.rating;

/** A call either gets a cost with its explanation, or a reason why no tariff could price it. */
public sealed interface RatingOutcome permits RatedCall, UnratedCall {
}
