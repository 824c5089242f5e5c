package io.waihu.billing.domain;

/** How a carrier reaches callees: its own mobile or fixed network, or a VoIP trunk that resells others. */
public enum CarrierKind {
    MOBILE_NETWORK,
    FIXED_NETWORK,
    VOIP_TRUNK
}
