package io.waihu.testsupport;

import io.waihu.infra.DevTokenIssuer;

import java.time.Duration;
import java.util.Set;

/** Bearer tokens for tests, signed by a key pair made once per test JVM. */
public final class TestTokens {

    private static final DevTokenIssuer ISSUER = DevTokenIssuer.generate();

    private TestTokens() {
    }

    static String publicKeyPem() {
        return ISSUER.publicKeyPem();
    }

    public static String token(String tenantId, String... roles) {
        return ISSUER.issue(tenantId, "test-user@" + tenantId, Set.of(roles), Duration.ofMinutes(30));
    }

    public static String bearer(String tenantId, String... roles) {
        return "Bearer " + token(tenantId, roles);
    }

    public static String withoutTenant(String... roles) {
        return ISSUER.issueWithoutTenant("tenantless", Set.of(roles));
    }
}
