package io.waihu.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code java -jar local-stack.jar up|token|help}; {@code ./waihu} builds what is missing and runs this. */
public final class LocalStack {

    static final String HELP = """
            Usage: ./waihu <command> [options]

            Commands:
              up      Start Kafka, PostgreSQL and the four services on this machine; Ctrl-C stops them.
                        --data-dir DIR   where data, keys and logs live (default: .waihu-data in the repo)
                        --wipe           delete the data dir first and start empty
                        --services LIST  start only these services, e.g. billing or campaign,dialer (default: all
                                         four); Kafka, PostgreSQL, the topics and the keys are set up as always
                        --build          (./waihu only) rebuild with Maven even if the jars look current
              demo    Start the stack (like up) and run a realistic campaign through the public APIs: 4 carriers,
                      10,000 contacts, 20 simulated agents; prints progress and a cost summary.
                        --contacts N     contacts to generate (default 10000)
                        --agents N       simulated agents (default 20)
                        --time-factor F  simulated seconds per real second (default 300)
                        --seed S         random seed of contacts and outcomes (default 42)
                        --exit           stop the stack after the summary (default: keep it running)
                        --data-dir, --wipe, --build as for up
              token   Print a bearer token the running stack accepts.
                        --tenant T       tenant id (required)
                        --role R[,R2]    admin, supervisor, agent, integrator (required)
                        --subject S      user name in the token (default: dev-<role>@<tenant>)
                        --hours H        lifetime (default: 12)
                        --data-dir DIR   the data dir of the stack (default: .waihu-data in the repo)
              help    Show this.

            Environment:
              WAIHU_KAFKA_BOOTSTRAP_SERVERS   use this Kafka instead of starting one
              WAIHU_PG_HOST, WAIHU_PG_PORT (5432), WAIHU_PG_USER (postgres), WAIHU_PG_PASSWORD
                                              use this PostgreSQL instead of starting one
              WAIHU_READY_TIMEOUT_SECONDS     how long the services get to become ready (180)
              WAIHU_SERVICE_JAVA_OPTS         JVM options of each service (-Xmx768m -XX:+UseSerialGC)
              WAIHU_SKIP_BUILD=1              (./waihu only) never run Maven

            Ports: 8081 campaign-service, 8082 dialer-service, 8083 billing-service, 8084 analytics-service,
                   19092/19093 Kafka, 15432 PostgreSQL. More in docs/local-stack.md.
            """;

    private LocalStack() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(Arrays.asList(args), System.getenv());
        } catch (StackException e) {
            System.err.println("waihu: " + e.getMessage());
            code = e.exitCode();
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(List<String> args, Map<String, String> env) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (command) {
            case "up" -> {
                Args options = Args.parse("up", rest, Set.of("data-dir", "services"), Set.of("wipe"));
                return new UpCommand(StackConfig.resolve(options, env)).run();
            }
            case "demo" -> {
                Args options = Args.parse("demo", rest, Set.of("data-dir", "contacts", "agents", "time-factor", "seed"),
                        Set.of("wipe", "exit"));
                return DemoCommand.run(options, StackConfig.resolve(options, env));
            }
            case "token" -> {
                Args options = Args.parse("token", rest, Set.of("tenant", "role", "subject", "hours", "data-dir"), Set.of());
                return TokenCommand.run(options, StackConfig.dataDir(options, env));
            }
            case "help", "--help", "-h" -> {
                System.out.print(HELP);
                return 0;
            }
            default -> throw StackException.usage("unknown command '" + command + "' (commands: up, demo, token, help)");
        }
    }
}
