package io.waihu.billing.service;

import io.smallrye.mutiny.Uni;
import io.waihu.billing.domain.CallDetailRecord;
import io.waihu.billing.repository.CallDetailRecordRepository;
import io.waihu.events.dialer.CallEnded;
import io.waihu.platform.messaging.EventInbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Keeps one call detail record per ended call, however often the dialer's event arrives. */
@ApplicationScoped
public class CallDetailRecordService {

    static final String CONSUMER = "billing.call-ended";

    private final CallDetailRecordRepository records;
    private final EventInbox inbox;
    private final Clock clock = Clock.systemUTC();

    public CallDetailRecordService(CallDetailRecordRepository records, EventInbox inbox) {
        this.records = records;
        this.inbox = inbox;
    }

    public Uni<Boolean> record(CallEnded ended) {
        CallDetailRecord cdr = new CallDetailRecord(ended.tenantId(), ended.callId(), ended.campaignId(), ended.attemptId(),
                ended.carrierId(), ended.number(), ended.disposition().name(), ended.setupAt(), ended.answeredAt(),
                ended.endedAt(), ended.billableSeconds(), CallDetailRecord.RatingStatus.PENDING, clock.instant());
        return inbox.applyOnce(CONSUMER, ended, conn -> records.insert(conn, cdr));
    }

    public Uni<CallDetailRecord> get(String tenantId, String callId) {
        return records.find(tenantId, callId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("call record", callId)));
    }

    public Uni<Page<CallDetailRecord>> list(String tenantId, String campaignId, PageParams page) {
        return Page.of(records.page(tenantId, campaignId, page), records.count(tenantId, campaignId), page);
    }
}
