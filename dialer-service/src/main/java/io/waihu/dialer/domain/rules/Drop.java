package io.waihu.dialer.domain.rules;

import io.waihu.events.dialer.DropReason;

/** Why a request is not dialled, in the check's own words. */
public record Drop(DropReason reason, String detail) {
}
