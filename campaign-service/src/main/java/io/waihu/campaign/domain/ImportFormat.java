package io.waihu.campaign.domain;

/** How an upload is written: CSV with a header line, or JSON Lines (one contact object per line). */
public enum ImportFormat {
    CSV, JSONL
}
