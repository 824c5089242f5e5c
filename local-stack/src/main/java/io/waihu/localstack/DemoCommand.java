package io.waihu.localstack;

import io.waihu.infra.DevTokenIssuer;
import io.waihu.localstack.demo.Api;
import io.waihu.localstack.demo.Scenario;
import io.waihu.localstack.demo.Summary;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** {@code demo}: {@code up}, then one realistic campaign through the public APIs, then its summary. */
final class DemoCommand {

    private DemoCommand() {
    }

    static int run(Args options, StackConfig config) {
        int contacts = positive(options, "contacts", 10_000);
        int agents = positive(options, "agents", 20);
        int timeFactor = positive(options, "time-factor", 300);
        long seed;
        try {
            seed = options.value("seed").map(Long::parseLong).orElse(42L);
        } catch (NumberFormatException e) {
            throw StackException.usage("--seed needs a whole number");
        }
        boolean exit = options.flag("exit");
        UpCommand.AfterReady demo = kafka -> {
            String tenant = "demo-" + Instant.now().getEpochSecond();
            Console.say("demo: dashboard " + Summary.DASHBOARD + " (token: ./waihu token --tenant " + tenant
                    + " --role supervisor" + (config.dataDir().equals(config.repoRoot().resolve(StackConfig.DEFAULT_DATA_DIR))
                    ? "" : " --data-dir " + config.dataDir()) + ")");
            String token = DevTokenIssuer.loadOrCreate(config.keysDir())
                    .issue(tenant, "demo@" + tenant, Set.of("admin"), Duration.ofHours(12));
            Scenario.Result result = new Scenario(new Api(token), kafka, new Scenario.Options(tenant, contacts, agents, seed,
                    false, Scenario.CallingHours.DAYTIME, Duration.ofMinutes(3), true, line -> Console.say("demo: " + line))).run();
            Console.raw(Summary.of(result));
            return exit;
        };
        // the simulator's clock runs this many times faster than the wall clock
        return new UpCommand(config, Map.of("WAIHU_SIMULATOR_TIME_FACTOR", Integer.toString(timeFactor)), demo).run();
    }

    private static int positive(Args options, String name, int fallback) {
        int value;
        try {
            value = options.value(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw StackException.usage("--" + name + " needs a whole number");
        }
        if (value < 1) {
            throw StackException.usage("--" + name + " must be at least 1");
        }
        return value;
    }
}
