package io.waihu.analytics.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fired (CDI, synchronously) once a fold transaction has committed: from then on the events' changes are in the
 * rollups every query reads. What a live view or a lag measurement observes; nothing in the service depends on it.
 *
 * @param eventIds    the events the transaction folded (duplicates seen before are not among them)
 * @param committedAt when the commit was acknowledged
 */
public record FoldCommitted(List<UUID> eventIds, Instant committedAt) {
}
