package io.waihu.campaign.domain;

public enum ImportStatus {
    /** stored, waiting for a free import worker */
    QUEUED,
    /** rows are being read and written */
    RUNNING,
    /** every row was read; the refused ones are listed as errors */
    COMPLETED,
    /** stopped before the end (e.g. the service restarted); rows written so far stay */
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
