package dev.helpdesk.bench;

import dev.helpdesk.localstack.DemoTokens;
import dev.helpdesk.localstack.Stack;
import dev.helpdesk.localstack.StackConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark against a freshly started local stack and writes its table to {@code bench/results/<name>.md}.
 * Usage: {@code bench/run.sh commands|gateway|propagation|replay|timers|footprint|pipeline}. Every figure is printed next to a baseline
 * measured in the same run on the same machine, because absolute times are noisy here.
 */
public final class Bench {

    static final String SECRET = "benchmark-secret-0123456789-0123456789-abcdef";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "" : args[0];
        List<String> known = List.of("commands", "gateway", "propagation", "replay", "timers", "footprint", "pipeline");
        if (!known.contains(name)) {
            System.err.println("usage: bench/run.sh " + String.join("|", known));
            System.exit(2);
        }
        if (name.equals("pipeline")) {
            pipeline();
            return;
        }
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_SECONDS", "20")));
        long started = System.nanoTime();
        Map<String, String> env = new HashMap<>(System.getenv());
        String jfr = System.getenv("BENCH_JFR");
        if (name.equals("commands") && jfr != null) {
            // From each service's start, not attached later: JFR.start on warmed-up JVMs sent their compilers back to
            // work and the run measured 14.6 commands/s instead of ~75 (2026-12-05).
            Files.createDirectories(Path.of(jfr));
            env.put("HELPDESK_JAVA_OPTS", env.getOrDefault("HELPDESK_JAVA_OPTS", "-Xmx512m")
                    + " -XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath() + "/");
        }
        try (Stack stack = Stack.start(config(env), line -> System.out.println("[stack] " + line))) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            DemoTokens tokens = new DemoTokens(SECRET, Duration.ofHours(4));
            Portal portal = new Portal(tokens);
            String table = switch (name) {
                case "commands" -> new CommandThroughput(stack, portal, measure).run();
                case "gateway" -> new GatewayOverhead(stack, portal, measure).run();
                case "propagation" -> new Propagation(stack, portal, measure).run();
                case "replay" -> new ReplayThroughput(stack, portal).run();
                case "timers" -> new TimerLag(stack, portal).run();
                default -> new Footprint(stack, portal, measure, startup).run();
            };
            String projection = System.getenv().getOrDefault("BENCH_PROJECTION", "budgets");
            write(name.equals("replay") && !projection.equals("budgets") ? name + "-" + projection : name, table);
        }
    }

    private static void write(String name, String table) throws IOException {
        String report = "# " + name + " benchmark, " + Instant.now() + "\n\n" + machine() + "\n\n" + table + "\n";
        Path results = Path.of("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve(name + ".md"), report);
        System.out.println("\n" + report);
    }

    /**
     * Benchmark 7: the event pipeline's statements and CPU. With {@code BENCH_BASELINE_JARS=<dir>} (laid out as
     * {@code <dir>/<service>/target/<service>.jar}) the same phases run first against those jars on a fresh stack, then
     * against the current build ({@code HELPDESK_HOME} or the tree), and the report gives both and the ratios.
     */
    private static void pipeline() throws Exception {
        List<String[]> builds = new java.util.ArrayList<>();
        String baseline = System.getenv("BENCH_BASELINE_JARS");
        String current = System.getenv().getOrDefault("HELPDESK_HOME", Path.of("..").toAbsolutePath().normalize().toString());
        if (baseline != null && !baseline.isBlank()) {
            builds.add(new String[] {"before: jars in " + baseline + sourceOf(baseline), baseline});
        }
        builds.add(new String[] {"after: jars in " + current + sourceOf(current), current});
        List<PipelineCost.Result> results = new java.util.ArrayList<>();
        DemoTokens tokens = new DemoTokens(SECRET, Duration.ofHours(4));
        for (String[] build : builds) {
            System.out.println("[pipeline] starting a fresh stack for " + build[0]);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("HELPDESK_HOME", build[1]);
            env.put("HELPDESK_DB_PRELOAD_LIBRARIES", "pg_stat_statements");
            // On this shared 2-core machine a service may miss the stack's 240 s readiness limit: one more try.
            for (int attempt = 1; ; attempt++) {
                try (Stack stack = Stack.start(config(new HashMap<>(env)), line -> System.out.println("[stack] " + line))) {
                    results.add(new PipelineCost(stack, new Portal(tokens)).run(build[0]));
                    break;
                } catch (IllegalStateException e) {
                    if (attempt == 2 || !(e.getMessage().contains("ready") || e.getMessage().contains("exited during start"))) {
                        throw e;
                    }
                    System.out.println("[pipeline] the stack did not start (" + e.getMessage() + "); trying once more");
                }
            }
            // written after each build, so that the first build's figures survive a failure of the second
            write("pipeline", PipelineReport.render(results));
        }
    }

    /** What {@code <dir>/SOURCE} says the jars were built from, if it exists. */
    private static String sourceOf(String dir) {
        try {
            return " (" + Files.readString(Path.of(dir, "SOURCE")).trim() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static StackConfig config() throws IOException {
        return config(new HashMap<>(System.getenv()));
    }

    private static StackConfig config(Map<String, String> env) throws IOException {
        env.putIfAbsent("HELPDESK_HOME", Path.of("..").toAbsolutePath().normalize().toString()); // the built jars
        env.put("HELPDESK_DATA_DIR", Files.createTempDirectory("helpdesk-bench").toString());
        env.put("HELPDESK_JWT_SECRET", SECRET);
        env.putIfAbsent("HELPDESK_JAVA_OPTS", "-Xmx512m");
        env.put("HELPDESK_DB_PORT", Integer.toString(freePort()));
        int kafka = freePort();
        while (!free(kafka + 1)) {
            kafka = freePort();
        }
        env.put("HELPDESK_KAFKA_PORT", Integer.toString(kafka));
        for (String variable : List.of("HELPDESK_TICKETS_PORT", "HELPDESK_SLA_PORT", "HELPDESK_ESCALATIONS_PORT",
                "HELPDESK_BUDGETS_PORT", "HELPDESK_GATEWAY_PORT", "HELPDESK_TICKETS_MANAGEMENT_PORT", "HELPDESK_SLA_MANAGEMENT_PORT",
                "HELPDESK_ESCALATIONS_MANAGEMENT_PORT", "HELPDESK_BUDGETS_MANAGEMENT_PORT", "HELPDESK_GATEWAY_MANAGEMENT_PORT",
                // the webhook and notification services and the local mailbox too: another stack on the machine
                // (another engineer's) holds their fixed defaults
                "HELPDESK_WEBHOOKS_PORT", "HELPDESK_NOTIFICATIONS_PORT", "HELPDESK_WEBHOOKS_MANAGEMENT_PORT",
                "HELPDESK_NOTIFICATIONS_MANAGEMENT_PORT", "HELPDESK_MAILBOX_SMTP_PORT", "HELPDESK_MAILBOX_PORT")) {
            // a port given in the environment is kept: jars from before the HELPDESK_<SERVICE>_PORT names (a
            // baseline's) read only the former names, which the caller then sets to the same ports (BENCHMARKS.md 7)
            env.putIfAbsent(variable, Integer.toString(freePort()));
        }
        return StackConfig.fromEnvironment(env, false);
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return "Machine: " + runtime.availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + ", benchmark JVM max heap " + runtime.maxMemory() / (1024 * 1024) + " MB";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String f(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static String f2(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
