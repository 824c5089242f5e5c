package io.waihu.localstack;

import io.waihu.infra.DevTokenIssuer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@code token}: a bearer token signed with the data dir's development key, on stdout alone (for $(...)). */
final class TokenCommand {

    static final Set<String> ROLES = Set.of("admin", "supervisor", "agent", "integrator");
    static final int DEFAULT_HOURS = 12;

    private TokenCommand() {
    }

    static int run(Args args, Path dataDir) {
        String tenant = args.required("tenant");
        if (!tenant.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw StackException.usage("--tenant must be letters, digits, '.', '_' or '-' (at most 64), not '" + tenant + "'");
        }
        Set<String> roles = roles(args.required("role"));
        String subject = args.value("subject").orElse("dev-" + roles.iterator().next() + "@" + tenant);
        int hours;
        try {
            hours = Integer.parseInt(args.value("hours").orElse(Integer.toString(DEFAULT_HOURS)));
        } catch (NumberFormatException e) {
            throw StackException.usage("--hours must be a whole number");
        }
        if (hours < 1 || hours > 24 * 365) {
            throw StackException.usage("--hours must be between 1 and 8760");
        }
        Path keys = StackConfig.keysDir(dataDir);
        DevTokenIssuer issuer;
        try {
            boolean existed = Files.exists(DevTokenIssuer.publicKeyFile(keys));
            issuer = DevTokenIssuer.loadOrCreate(keys);
            if (!existed) {
                // stderr: stdout is the token alone
                System.err.println("waihu: created development JWT keys in " + keys
                        + " (a running stack verifies with the keys it started with)");
            }
        } catch (IOException e) {
            throw new StackException(StackException.FAILURE, "cannot read or create the keys in " + keys + ": " + e.getMessage(), e);
        }
        System.out.println(issuer.issue(tenant, subject, roles, Duration.ofHours(hours)));
        System.out.flush();
        return 0;
    }

    static Set<String> roles(String list) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : list.split(",")) {
            String name = role.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!ROLES.contains(name)) {
                throw StackException.usage("unknown role '" + role.trim() + "': use "
                        + String.join(", ", Arrays.asList("admin", "supervisor", "agent", "integrator")));
            }
            roles.add(name);
        }
        if (roles.isEmpty()) {
            throw StackException.usage("--role needs at least one role");
        }
        return roles;
    }
}
