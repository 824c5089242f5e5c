package io.waihu.dialer.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.dialer.domain.agent.Agent;
import io.waihu.dialer.domain.agent.AgentState;
import io.waihu.dialer.service.CallJournal.Statement;
import io.waihu.platform.persistence.JsonColumns;
import io.waihu.platform.persistence.Rows;
import io.waihu.platform.rest.PageParams;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class AgentRepository {

    private static final String COLUMNS = "tenant_id, agent_id, name, campaign_ids::text, simulated, wrap_seconds, state, state_since, "
            + "call_id, created_at, state_seq";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Pool pool;

    public AgentRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return false when the agent id is taken */
    public Uni<Boolean> insert(Agent a) {
        return pool.preparedQuery("INSERT INTO agent (tenant_id, agent_id, name, campaign_ids, simulated, wrap_seconds, state, state_since, "
                        + "created_at) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[]{a.tenantId(), a.agentId(), a.name(), JsonColumns.write(a.campaignIds()), a.simulated(),
                        a.wrapSeconds(), a.state().name(), Rows.utc(a.stateSince()), Rows.utc(a.createdAt())}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A state change; writes are sequenced so a late write never overwrites a newer state. */
    public static Statement state(Agent a, long seq) {
        return new Statement("UPDATE agent SET state = $3, state_since = $4, call_id = $5, campaign_ids = $6::text::jsonb, state_seq = $7 "
                + "WHERE tenant_id = $1 AND agent_id = $2 AND state_seq < $7",
                Tuple.from(new Object[]{a.tenantId(), a.agentId(), a.state().name(), Rows.utc(a.stateSince()), a.callId(),
                        JsonColumns.write(a.campaignIds()), seq}));
    }

    public Uni<List<Row>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM agent").execute().map(rows -> Rows.list(rows, r -> r));
    }

    public Uni<List<String>> pageIds(String tenantId, AgentState state, PageParams page) {
        return pool.preparedQuery("SELECT agent_id FROM agent WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2) "
                        + "ORDER BY agent_id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenantId, state == null ? null : state.name(), page.size, page.offset()))
                .map(rows -> Rows.list(rows, r -> r.getString(0)));
    }

    public Uni<Long> count(String tenantId, AgentState state) {
        return pool.preparedQuery("SELECT count(*) FROM agent WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2)")
                .execute(Tuple.of(tenantId, state == null ? null : state.name())).map(Rows::count);
    }

    public static Agent map(Row r) {
        return new Agent(r.getString("tenant_id"), r.getString("agent_id"), r.getString("name"), JsonColumns.read(r.getString(3), STRINGS),
                r.getBoolean("simulated"), r.getInteger("wrap_seconds"), AgentState.valueOf(r.getString("state")),
                Rows.instant(r, "state_since"), r.getString("call_id"), Rows.instant(r, "created_at"));
    }
}
