package io.waihu.campaign.domain;

import java.time.Instant;
import java.util.UUID;

/** One contact upload into a list, and how far it got. */
public record ImportJob(UUID id, String tenantId, String listId, ImportFormat format, ImportStatus status,
                        long totalBytes, long bytesRead, long rowsRead, long rowsAccepted, long rowsRejected,
                        long rowsKeptOptedOut, long errorsStored, String failure, Instant createdAt, Instant startedAt,
                        Instant finishedAt) {

    /** Share of the upload's bytes read, 0 to 100 with one decimal; 100 once finished. */
    public double percentDone() {
        if (status == ImportStatus.COMPLETED) {
            return 100.0;
        }
        if (totalBytes <= 0) {
            return 0.0;
        }
        return Math.floor(1000.0 * bytesRead / totalBytes) / 10.0;
    }

    /** Rows per second from start to finish (or to now while running); null before it started. */
    public Double rowsPerSecond(Instant now) {
        if (startedAt == null) {
            return null;
        }
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Math.max(0.001, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
        return Math.round(rowsRead / seconds * 10.0) / 10.0;
    }
}
