package io.waihu.bench.pacing;

import io.waihu.dialer.domain.pacing.Pacer;
import io.waihu.dialer.domain.pacing.PacingConfig;
import io.waihu.dialer.domain.pacing.Pacers;
import io.waihu.dialer.domain.pacing.VicidialAdaptivePacer;
import io.waihu.dialer.domain.simulation.CallProfile;
import io.waihu.dialer.domain.simulation.PacingSimulation;
import io.waihu.dialer.domain.simulation.PacingSimulation.Result;
import io.waihu.dialer.domain.simulation.PacingSimulation.Scenario;
import io.waihu.events.campaign.DialMode;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Pacing simulator command: runs the dialer's own pacers (predictive, progressive, VICIdial fixed ratios and the
 * VICIdial adaptive rules) against the same seeded call population and prints a markdown table per team size.
 *
 * <pre>
 * bench/pacing-sim/run.sh [--agents 20,100] [--seed 42] [--seeds 3] [--hours 8] [--limit 3.0]
 *                         [--profile reference|realistic] [--ratios 1.0:3.0:0.1] [--set key=value ...]
 *                         [--explain 10]
 * </pre>
 */
public final class PacingSimMain {

    private record Strategy(String name, Supplier<Pacer> pacer, boolean fixedRatio, double level) {
    }

    private record Pooled(String name, boolean fixedRatio, double level, long attempts, long humans, long abandoned,
                          double abandonPct, double worstSeedPct, double peakWindowPct, double occupancyPct,
                          double talkMinPerAgentHour, double worstSeedOccupancyPct) {
    }

    public static void main(String[] args) {
        List<Integer> agentCounts = List.of(20, 100);
        long seed = 42;
        int seeds = 3;
        double hours = 8;
        double limitPct = 3.0;
        String profileName = "reference";
        double rMin = 1.0;
        double rMax = 3.0;
        double rStep = 0.1;
        int explain = 0;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--agents" -> {
                    List<Integer> list = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        list.add(Integer.parseInt(s.trim()));
                    }
                    agentCounts = list;
                }
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--hours" -> hours = Double.parseDouble(args[++i]);
                case "--limit" -> limitPct = Double.parseDouble(args[++i]);
                case "--profile" -> profileName = args[++i];
                case "--ratios" -> {
                    String[] r = args[++i].split(":");
                    rMin = Double.parseDouble(r[0]);
                    rMax = Double.parseDouble(r[1]);
                    rStep = r.length > 2 ? Double.parseDouble(r[2]) : 0.1;
                }
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    overrides.put(kv[0], kv[1]);
                }
                case "--explain" -> explain = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: run.sh [--agents 20,100] [--seed 42] [--seeds 3] [--hours 8] [--limit 3.0]"
                            + " [--profile reference|realistic] [--ratios 1.0:3.0:0.1] [--set key=value]... [--explain N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        CallProfile base = switch (profileName) {
            case "reference" -> CallProfile.reference();
            case "realistic" -> CallProfile.realistic();
            default -> throw new IllegalArgumentException("unknown profile: " + profileName);
        };
        CallProfile profile = base.withOverrides(overrides);
        int limitBp = (int) Math.round(limitPct * 100);
        ZonedDateTime start = ZonedDateTime.of(LocalDateTime.of(2026, 11, 26, 9, 0), ZoneId.of("America/New_York"));
        Duration length = Duration.ofSeconds(Math.round(hours * 3600));

        System.out.printf(Locale.ROOT, "# Pacing simulation: profile %s%s, %s h, seeds %d..%d, abandon limit %.2f%%,"
                        + " 2-s abandon rule, decisions every 1 s%n%n", profileName,
                overrides.isEmpty() ? "" : " " + overrides, fmt(hours), seed, seed + seeds - 1, limitPct);

        List<Strategy> strategies = new ArrayList<>();
        strategies.add(new Strategy("predictive (strict budget)",
                () -> Pacers.forMode(DialMode.PREDICTIVE, PacingConfig.defaults()), false, 0));
        strategies.add(new Strategy("predictive (expected-value guard)",
                () -> Pacers.forMode(DialMode.PREDICTIVE, PacingConfig.defaults().withStrictWorstCase(false)), false, 0));
        strategies.add(new Strategy("progressive", () -> Pacers.forMode(DialMode.PROGRESSIVE), false, 0));
        for (VicidialAdaptivePacer.Method m : VicidialAdaptivePacer.Method.values()) {
            strategies.add(new Strategy("VICIdial ADAPT_" + m,
                    () -> Pacers.vicidialAdaptive(VicidialAdaptivePacer.Config.defaults(m)), false, 0));
        }
        for (double r = rMin; r <= rMax + 1e-9; r += rStep) {
            double level = Math.round(r * 100) / 100.0;
            strategies.add(new Strategy(String.format(Locale.ROOT, "VICIdial RATIO %.2f", level),
                    () -> Pacers.fixedRatio(level), true, level));
        }

        final long seed0 = seed;
        for (int agents : agentCounts) {
            long t0 = System.nanoTime();
            List<Pooled> rows = new ArrayList<>();
            if (explain > 0) {
                Strategy st = strategies.get(0);
                Scenario sc = new Scenario(agents, length, profile, seed, limitBp, start, DialMode.PREDICTIVE);
                int[] shown = {0};
                int limit = explain;
                System.out.printf("First %d dialling decisions of %s with %d agents after the first hour (seed %d):%n",
                        limit, st.name(), agents, seed);
                new PacingSimulation(sc).execute(st.pacer().get(), (snap, d) -> {
                    if (snap.now().isAfter(start.toInstant().plusSeconds(3600)) && shown[0] < limit
                            && d.callsToPlace() > 0) {
                        System.out.println("  - " + d.reason());
                        shown[0]++;
                    }
                });
                System.out.println();
            }
            // every (strategy, seed) run is independent: spread them over the cores
            int seedCount = seeds;
            int agentCount = agents;
            List<List<Result>> perStrategy = strategies.parallelStream().map(st -> IntStream.range(0, seedCount)
                    .parallel()
                    .mapToObj(k -> PacingSimulation.run(new Scenario(agentCount, length, profile, seed0 + k, limitBp,
                            start, DialMode.PREDICTIVE), st.pacer().get()))
                    .toList()).toList();
            for (int i = 0; i < strategies.size(); i++) {
                rows.add(pool(strategies.get(i), perStrategy.get(i)));
            }
            double wallSeconds = (System.nanoTime() - t0) / 1e9;
            print(agents, rows, limitPct, seeds, wallSeconds);
        }
    }

    private static Pooled pool(Strategy st, List<Result> rs) {
        long attempts = 0;
        long humans = 0;
        long abandoned = 0;
        double worst = 0;
        double peak = 0;
        double occ = 0;
        double talk = 0;
        double worstOcc = Double.MAX_VALUE;
        for (Result r : rs) {
            attempts += r.attempts();
            humans += r.humanAnswers();
            abandoned += r.abandoned();
            worst = Math.max(worst, r.abandonRate());
            peak = Math.max(peak, r.maxWindowAbandonRate());
            occ += r.occupancy();
            talk += r.talkMinutesPerAgentHour();
            worstOcc = Math.min(worstOcc, r.occupancy());
        }
        int n = rs.size();
        return new Pooled(st.name(), st.fixedRatio(), st.level(), attempts / n, humans / n, abandoned / n,
                humans == 0 ? 0 : 100.0 * abandoned / humans, 100 * worst, 100 * peak, 100 * occ / n, talk / n,
                100 * worstOcc);
    }

    private static void print(int agents, List<Pooled> rows, double limitPct, int seeds, double wall) {
        double progressiveTalk = rows.stream().filter(r -> r.name().equals("progressive"))
                .mapToDouble(Pooled::talkMinPerAgentHour).findFirst().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "## %d agents (mean of %d seeds per row; %.1f s wall for the table)%n%n",
                agents, seeds, wall);
        System.out.println("| strategy | calls | human answers | abandoned | abandon % | worst seed abandon % |"
                + " peak window % | occupancy % | talk min / agent-h | predictive gain (min/h vs progressive) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Pooled r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %+.1f |%n",
                    r.name(), r.attempts(), r.humans(), r.abandoned(), r.abandonPct(), r.worstSeedPct(),
                    r.peakWindowPct(), r.occupancyPct(), r.talkMinPerAgentHour(), r.talkMinPerAgentHour() - progressiveTalk);
        }
        Pooled bestFixed = null;
        for (Pooled r : rows) {
            if (r.fixedRatio() && r.worstSeedPct() <= limitPct
                    && (bestFixed == null || r.occupancyPct() > bestFixed.occupancyPct())) {
                bestFixed = r;
            }
        }
        Pooled predictive = rows.get(0);
        System.out.println();
        if (bestFixed == null) {
            System.out.printf(Locale.ROOT, "No fixed ratio stayed within %.2f%% in every seed.%n%n", limitPct);
            return;
        }
        System.out.printf(Locale.ROOT, "Best fixed ratio within %.2f%% abandon in every seed: **%.2f** (occupancy %.1f%%,"
                        + " abandon %.2f%%, worst seed %.2f%%).%n", limitPct, bestFixed.level(), bestFixed.occupancyPct(),
                bestFixed.abandonPct(), bestFixed.worstSeedPct());
        boolean within = predictive.worstSeedPct() <= limitPct;
        double delta = predictive.occupancyPct() - bestFixed.occupancyPct();
        System.out.printf(Locale.ROOT, "%s: occupancy %.1f%% (%+.1f points vs the best fixed ratio), abandon %.2f%%"
                        + " (worst seed %.2f%%, peak window %.2f%%) — %s.%n%n", predictive.name(),
                predictive.occupancyPct(), delta, predictive.abandonPct(), predictive.worstSeedPct(),
                predictive.peakWindowPct(),
                within && delta > 0 ? "beats the baseline within the limit"
                        : within ? "within the limit but does NOT beat the baseline" : "OVER the limit");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
