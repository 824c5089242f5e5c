package io.waihu.events.campaign;

/**
 * How the dialer paces a campaign: agent previews first, one call per free agent, over-dial on statistics, or
 * no agent at all.
 */
public enum DialMode {
    PREVIEW, PROGRESSIVE, PREDICTIVE, AGENTLESS
}
