package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.domain.CallDetailRecord.RatingStatus;
import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.NumberNormalizer;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.events.Topics;
import io.waihu.events.WaihuEvent;
import io.waihu.events.billing.UnratedReason;
import io.waihu.events.dialer.CallEnded;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rates every ended call exactly once: the call record, its cost and the CallCharged (or CallUnrated) event commit
 * together, and a call recorded before changes nothing, whatever event id it comes under.
 */
@ApplicationScoped
public class CallDetailRecordService {

    static final String CONSUMER = "billing.call-ended";

    private final CallDetailRecordRepository records;
    private final EventInbox inbox;
    private final Outbox outbox;
    private final TariffBook tariffs;
    private final RatingEngine engine = new RatingEngine();
    private final Clock clock = Clock.systemUTC();

    public CallDetailRecordService(CallDetailRecordRepository records, EventInbox inbox, Outbox outbox, TariffBook tariffs) {
        this.records = records;
        this.inbox = inbox;
        this.outbox = outbox;
        this.tariffs = tariffs;
    }

    /**
     * Rates one poll's CallEnded events and records them in one transaction: the inbox rows, the call records of the
     * calls not recorded before, and a CallCharged or CallUnrated for each of those. Tariffs are looked up once per
     * tenant and carrier. An event billing cannot store is refused ({@link IllegalArgumentException}) before anything
     * is written, so the batch consumer dead-letters it alone.
     *
     * @return the events not processed before (each was recorded, unless its call had been recorded under another event)
     */
    public Uni<List<CallEnded>> recordAll(List<CallEnded> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        batch.forEach(CallDetailRecordService::refuseUnstorable);
        // per carrier, the last end of its calls: the tariff must have been read after it (TariffBook.forCarrier)
        Map<CarrierKey, Instant> lastEnd = new LinkedHashMap<>();
        for (CallEnded e : batch) {
            lastEnd.merge(new CarrierKey(e.tenantId(), e.carrierId()), e.endedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<CarrierKey> carriers = List.copyOf(lastEnd.keySet());
        return Uni.join().all(carriers.stream().map(k -> tariffs.forCarrier(k.tenantId(), k.carrierId(), lastEnd.get(k))).toList()).andFailFast()
                .map(found -> {
                    Map<CarrierKey, Optional<TariffBook.CarrierTariff>> byCarrier = new HashMap<>();
                    for (int i = 0; i < carriers.size(); i++) {
                        byCarrier.put(carriers.get(i), found.get(i));
                    }
                    // by identity: applyOnceAll hands back the very objects it was given
                    Map<CallEnded, RatingOutcome> outcomes = new IdentityHashMap<>(batch.size() * 2);
                    for (CallEnded e : batch) {
                        outcomes.put(e, rateOrRefuse(e, byCarrier.get(new CarrierKey(e.tenantId(), e.carrierId()))));
                    }
                    return outcomes;
                })
                .chain(outcomes -> inbox.applyOnceAll(CONSUMER, batch, (conn, fresh) -> store(conn, fresh, outcomes)));
    }

    private Uni<Void> store(SqlConnection conn, List<CallEnded> fresh, Map<CallEnded, RatingOutcome> outcomes) {
        Instant now = clock.instant();
        // one record per call: the first event of a call in the batch wins, as it would have one at a time
        Map<CallDetailRecordRepository.CallKey, CallEnded> firstOfCall = new LinkedHashMap<>();
        for (CallEnded e : fresh) {
            firstOfCall.putIfAbsent(new CallDetailRecordRepository.CallKey(e.tenantId(), e.callId()), e);
        }
        List<CallDetailRecord> cdrs = new ArrayList<>(firstOfCall.size());
        firstOfCall.values().forEach(e -> cdrs.add(recordOf(e, outcomes.get(e), now)));
        return records.insertAll(conn, cdrs).chain(inserted -> {
            List<WaihuEvent> announced = new ArrayList<>(inserted.size());
            firstOfCall.forEach((key, e) -> {
                if (inserted.contains(key)) {
                    announced.add(outcomes.get(e) instanceof RatedCall rated ? ChargeEvents.charged(e, rated)
                            : ChargeEvents.unrated(e, (UnratedCall) outcomes.get(e)));
                }
            });
            return outbox.appendAll(conn, Topics.CHARGE_EVENTS, announced);
        });
    }

    private record CarrierKey(String tenantId, String carrierId) {
    }

    /** Rating is a pure function of the event and the tariff: if it throws, retrying cannot help, so the event is refused. */
    private RatingOutcome rateOrRefuse(CallEnded ended, Optional<TariffBook.CarrierTariff> tariff) {
        try {
            return rate(ended, tariff);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("call " + ended.callId() + " cannot be rated: " + e.getMessage(), e);
        }
    }

    /**
     * What the contract lets through but PostgreSQL cannot store: a NUL character in a text field, an instant outside
     * the years 1 to 9999. Without this check the transaction would fail, be retried as if the database were down,
     * and only then be dead-lettered.
     */
    static void refuseUnstorable(CallEnded e) {
        String[][] texts = {{"tenantId", e.tenantId()}, {"callId", e.callId()}, {"campaignId", e.campaignId()},
                {"attemptId", e.attemptId()}, {"contactId", e.contactId()}, {"carrierId", e.carrierId()},
                {"agentId", e.agentId()}, {"amdResult", e.amdResult()}, {"calleeZone", e.calleeZone()},
                {"rangeCarrier", e.rangeCarrier()}};
        for (String[] field : texts) {
            if (field[1] != null && field[1].indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("CallEnded " + e.eventId() + ": " + field[0] + " contains a NUL character");
            }
        }
        Instant[] instants = {e.occurredAt(), e.setupAt(), e.ringingAt(), e.answeredAt(), e.endedAt()};
        String[] names = {"occurredAt", "setupAt", "ringingAt", "answeredAt", "endedAt"};
        for (int i = 0; i < names.length; i++) {
            Instant at = instants[i];
            if (at != null && (at.isBefore(EARLIEST) || !at.isBefore(LATEST))) {
                throw new IllegalArgumentException("CallEnded " + e.eventId() + ": " + names[i] + " " + at + " is outside the years 1 to 9999");
            }
        }
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private RatingOutcome rate(CallEnded ended, Optional<TariffBook.CarrierTariff> tariff) {
        return rate(engine, ended, tariff);
    }

    /**
     * A CallEnded priced by the pipeline. When it carries the hopper's reading of its number (numberType, and
     * rangeCarrier), the number is not read again; without it (events from before the reading existed) it is read
     * here, as for a stored call.
     */
    static RatingOutcome rate(RatingEngine engine, CallEnded ended, Optional<TariffBook.CarrierTariff> tariff) {
        NumberNormalizer.Normalized carried = ended.numberType() == null ? null
                : NumberNormalizer.carried(ended.number(), ended.numberType(), ended.rangeCarrier());
        return rate(engine, ended.carrierId(), ended.number(), carried, ended.setupAt(), ended.answeredAt(), ended.billableSeconds(), tariff);
    }

    /** The one way a call is priced: by the pipeline from its CallEnded, by a rerating run from its stored record. */
    static RatingOutcome rate(RatingEngine engine, String carrierId, String number, Instant setupAt, Instant answeredAt,
                              long billableSeconds, Optional<TariffBook.CarrierTariff> tariff) {
        return rate(engine, carrierId, number, null, setupAt, answeredAt, billableSeconds, tariff);
    }

    /** @param carried the number as already read, or null to read {@code number} here */
    private static RatingOutcome rate(RatingEngine engine, String carrierId, String number, NumberNormalizer.Normalized carried,
                                      Instant setupAt, Instant answeredAt, long billableSeconds, Optional<TariffBook.CarrierTariff> tariff) {
        if (tariff.isEmpty() || tariff.get().versions().isEmpty()) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "carrier " + carrierId + " has no tariff");
        }
        CallUsage usage;
        try {
            usage = new CallUsage(number, setupAt, answeredAt, billableSeconds);
        } catch (IllegalArgumentException e) {
            return new UnratedCall(UnratedReason.OTHER, e.getMessage());
        }
        return carried == null ? engine.rate(usage, tariff.get().versions()) : engine.rate(carried, usage, tariff.get().versions());
    }

    static CallDetailRecord recordOf(CallEnded e, RatingOutcome outcome, Instant now) {
        UnratedCall unrated = outcome instanceof UnratedCall u ? u : null;
        CallDetailRecord received = new CallDetailRecord(e.tenantId(), e.callId(), e.campaignId(), e.attemptId(), e.carrierId(),
                e.number(), e.disposition().name(), e.setupAt(), e.answeredAt(), e.endedAt(), e.billableSeconds(), RatingStatus.UNRATED,
                now, null, null, null, null, null, null, null, null, unrated == null ? null : unrated.reason().name(),
                unrated == null ? null : unrated.detail(), now);
        return outcome instanceof RatedCall rated ? received.withRating(rated, now) : received;
    }

    public Uni<CallDetailRecord> get(String tenantId, String callId) {
        return records.find(tenantId, callId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("call record", callId)));
    }

    public Uni<Page<CallDetailRecord>> list(String tenantId, CallDetailRecordRepository.Filter filter, PageParams page) {
        return Page.of(records.page(tenantId, filter, page), records.count(tenantId, filter), page);
    }
}
