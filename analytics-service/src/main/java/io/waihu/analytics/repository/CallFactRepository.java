package io.waihu.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.analytics.domain.CallFact;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class CallFactRepository {

    private static final String COLUMNS = "tenant_id, call_id, campaign_id, carrier_id, destination_class, hour, ended, "
            + "disposition, answered, abandoned, talk_ms, billable_seconds, pdd_ms, callee_zone, local_dow, local_hour, "
            + "dropped, charged, unrated, currency, charge_cost, rerate_delta, billed_seconds, outcome_at, contact, rpc, conversion";

    /**
     * The call's fact, locked for this transaction; created (as {@link CallFact#first}) when this is its first event.
     * Creating first then locking means two events of a new call on different topics queue on the same row.
     */
    public Uni<CallFact> lock(SqlConnection conn, String tenantId, String callId, String campaignId, Instant firstSeen) {
        CallFact fresh = CallFact.first(tenantId, callId, campaignId, firstSeen);
        return conn.preparedQuery("INSERT INTO call_fact (tenant_id, call_id, campaign_id, hour) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, callId, campaignId, Rows.utc(fresh.hour())))
                .chain(() -> conn.preparedQuery("SELECT " + COLUMNS + " FROM call_fact WHERE tenant_id = $1 AND call_id = $2 FOR UPDATE")
                        .execute(Tuple.of(tenantId, callId)))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Void> save(SqlConnection conn, CallFact f) {
        return conn.preparedQuery("UPDATE call_fact SET campaign_id = $3, carrier_id = $4, destination_class = $5, hour = $6, "
                        + "ended = $7, disposition = $8, answered = $9, abandoned = $10, talk_ms = $11, billable_seconds = $12, "
                        + "pdd_ms = $13, callee_zone = $14, local_dow = $15, local_hour = $16, dropped = $17, charged = $18, "
                        + "unrated = $19, currency = $20, charge_cost = $21, rerate_delta = $22, billed_seconds = $23, "
                        + "outcome_at = $24, contact = $25, rpc = $26, conversion = $27 WHERE tenant_id = $1 AND call_id = $2")
                .execute(Tuple.from(new Object[]{f.tenantId(), f.callId(), f.campaignId(), f.carrierId(), f.destinationClass(),
                        Rows.utc(f.hour()), f.ended(), f.disposition() == null ? null : f.disposition().name(), f.answered(),
                        f.abandoned(), f.talkMs(), f.billableSeconds(), f.pddMs(), f.calleeZone(),
                        f.localDow() == null ? null : f.localDow().shortValue(),
                        f.localHour() == null ? null : f.localHour().shortValue(), f.dropped(), f.charged(), f.unrated(),
                        f.currency(), f.chargeCost(), f.rerateDelta(), f.billedSeconds(), Rows.utc(f.outcomeAt()),
                        f.contact(), f.rpc(), f.conversion()}))
                .replaceWithVoid();
    }

    private static CallFact map(Row r) {
        String disposition = r.getString("disposition");
        Short dow = r.getShort("local_dow");
        Short hour = r.getShort("local_hour");
        String currency = r.getString("currency");
        return new CallFact(r.getString("tenant_id"), r.getString("call_id"), r.getString("campaign_id"),
                r.getString("carrier_id"), r.getString("destination_class"), Rows.instant(r, "hour"), r.getBoolean("ended"),
                disposition == null ? null : CallDisposition.valueOf(disposition), r.getBoolean("answered"),
                r.getBoolean("abandoned"), r.getLong("talk_ms"), r.getLong("billable_seconds"), r.getLong("pdd_ms"),
                r.getString("callee_zone"), dow == null ? null : dow.intValue(), hour == null ? null : hour.intValue(),
                r.getBoolean("dropped"), r.getBoolean("charged"), r.getBoolean("unrated"),
                currency == null ? null : currency.trim(), r.getBigDecimal("charge_cost"), r.getBigDecimal("rerate_delta"),
                r.getLong("billed_seconds"), Rows.instant(r, "outcome_at"), r.getBoolean("contact"), r.getBoolean("rpc"),
                r.getBoolean("conversion"));
    }
}
