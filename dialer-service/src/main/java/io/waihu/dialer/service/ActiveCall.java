package io.waihu.dialer.service;

import io.waihu.dialer.domain.routing.RouteOption;
import io.waihu.events.NumberType;
import io.waihu.events.dialer.AnsweredBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A call the dialer has on a line, from setup to end. Guarded by its own monitor. */
final class ActiveCall {

    final String tenantId;
    final String callId;
    final String campaignId;
    final String attemptId;
    final String contactId;
    final String number;
    final String calleeZone;
    /** libphonenumber's reading of the number from the DialRequested, for the CallEnded (nulls: none was carried) */
    final NumberType numberType;
    final String rangeCarrier;
    final String callerId;
    final boolean needsAgent;
    final List<RouteOption> options;
    final CampaignRuntime runtime;
    /** carriers tried and why each failed, for CARRIERS_FAILED */
    final List<String> failures = new ArrayList<>();

    int optionIndex;
    String carrierId;
    Instant setupAt;
    Instant ringingAt;
    Instant answeredAt;
    AnsweredBy answeredBy;
    String agentId;
    /** PREVIEW: the agent who asked for this call and is RESERVED for it; a person's answer goes to this agent only */
    String reservedAgentId;
    Instant bridgedAt;
    /** answered by a person, waiting for an agent: the real (nano) time it started waiting */
    long waitingSinceNanos = -1;
    boolean inFlight = true;
    boolean done;

    ActiveCall(String tenantId, String callId, String campaignId, String attemptId, String contactId, String number, String calleeZone,
               NumberType numberType, String rangeCarrier, String callerId, boolean needsAgent, List<RouteOption> options,
               CampaignRuntime runtime) {
        this.tenantId = tenantId;
        this.callId = callId;
        this.campaignId = campaignId;
        this.attemptId = attemptId;
        this.contactId = contactId;
        this.number = number;
        this.calleeZone = calleeZone;
        this.numberType = numberType;
        this.rangeCarrier = rangeCarrier;
        this.callerId = callerId;
        this.needsAgent = needsAgent;
        this.options = options;
        this.runtime = runtime;
    }
}
