package io.waihu.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One rerating run: the calls of a tenant (and carrier) that ended in [from, to), priced again with the tariffs as
 * they are now, and what came of it.
 *
 * @param changed            rated before and now, at a different cost: updated, CallRerated published
 * @param newlyRated         unrated before, rated now: updated, CallCharged published
 * @param unchanged          same cost (or still unrated): nothing done
 * @param wouldBecomeUnrated rated before, unratable now: left as it was (a rating is never withdrawn by a run)
 * @param currencyChanged    rated before in another currency: left as it was (CallRerated carries one currency)
 * @param deltaByCurrency    sum of new - old over the changed calls, per currency
 * @param finishedAt         null while the run is going, or if it died midway
 */
public record ReratingRun(UUID id, String tenantId, Instant from, Instant to, String carrierId, String reason,
                          String requestedBy, Instant startedAt, Instant finishedAt, long examined, long changed,
                          long newlyRated, long unchanged, long wouldBecomeUnrated, long currencyChanged,
                          Map<String, BigDecimal> deltaByCurrency) {
}
