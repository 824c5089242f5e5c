package io.waihu.platform.security;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant of the current request, from the token's tenant_id claim. Every query and event is scoped by it. */
@RequestScoped
public class TenantContext {

    public static final String TENANT_CLAIM = "tenant_id";

    private final JsonWebToken token;

    public TenantContext(JsonWebToken token) {
        this.token = token;
    }

    public String tenantId() {
        Object claim = token.getClaim(TENANT_CLAIM);
        String tenant = claim == null ? null : claim.toString().replace("\"", "").trim();
        if (tenant == null || tenant.isEmpty()) {
            throw new ForbiddenException("token carries no tenant");
        }
        return tenant;
    }

    public String subject() {
        return token.getName();
    }
}
