package io.waihu.platform.security;

/** The roles a token's groups claim may carry. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String SUPERVISOR = "supervisor";
    public static final String AGENT = "agent";
    public static final String INTEGRATOR = "integrator";

    private Roles() {
    }
}
