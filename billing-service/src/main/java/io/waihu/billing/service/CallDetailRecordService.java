package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.domain.CallDetailRecord.RatingStatus;
import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.RatedCall;
import io.waihu.billing.domain.rating.RatingEngine;
import io.waihu.billing.domain.rating.RatingOutcome;
import io.waihu.billing.domain.rating.UnratedCall;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.events.Topics;
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

    public Uni<Boolean> record(CallEnded ended) {
        return tariffs.forCarrier(ended.tenantId(), ended.carrierId())
                .map(tariff -> rate(ended, tariff))
                .chain(outcome -> inbox.applyOnce(CONSUMER, ended, conn -> {
                    CallDetailRecord cdr = recordOf(ended, outcome, clock.instant());
                    return records.insert(conn, cdr).chain(inserted -> {
                        if (!inserted) {
                            return Uni.createFrom().voidItem();
                        }
                        return outcome instanceof RatedCall rated
                                ? outbox.append(conn, Topics.CHARGE_EVENTS, ChargeEvents.charged(ended, rated))
                                : outbox.append(conn, Topics.CHARGE_EVENTS, ChargeEvents.unrated(ended, (UnratedCall) outcome));
                    });
                }));
    }

    private RatingOutcome rate(CallEnded ended, Optional<TariffBook.CarrierTariff> tariff) {
        return rate(engine, ended.carrierId(), ended.number(), ended.setupAt(), ended.answeredAt(), ended.billableSeconds(), tariff);
    }

    /** The one way a call is priced: by the pipeline from its CallEnded, by a rerating run from its stored record. */
    static RatingOutcome rate(RatingEngine engine, String carrierId, String number, Instant setupAt, Instant answeredAt,
                              long billableSeconds, Optional<TariffBook.CarrierTariff> tariff) {
        if (tariff.isEmpty() || tariff.get().versions().isEmpty()) {
            return new UnratedCall(UnratedReason.NO_TARIFF, "carrier " + carrierId + " has no tariff");
        }
        CallUsage usage;
        try {
            usage = new CallUsage(number, setupAt, answeredAt, billableSeconds);
        } catch (IllegalArgumentException e) {
            return new UnratedCall(UnratedReason.OTHER, e.getMessage());
        }
        return engine.rate(usage, tariff.get().versions());
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
