package dev.helpdesk.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as a user runs it ({@code ./run-local.sh}: the same main class, as its own process, on free ports and a
 * fresh data directory): whatever happens to it, nothing it started stays behind. Every process it started is found
 * two ways: the launcher's descendants and the postmaster's process tree (zonky daemonizes PostgreSQL), and, after
 * the fact, any process on this machine whose command line names the test's data directory (the service JVMs run the
 * jars extracted there, Kafka reads its properties there, the postmaster and its watchdog name it).
 * <p>
 * Needs the service jars ({@code <module>/target/<module>.jar}): {@code ./mvnw -B verify} builds them before this
 * module; alone, run {@code ./mvnw -B -q -DskipTests package} first.
 */
class LauncherLifecycleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Start-up on 2 shared cores: generous, but bounded. */
    private static final Duration START_BOUND = Duration.ofSeconds(420);

    @TempDir
    Path dataDir;

    /** What the launcher printed, when a test fails: where it was when the signal came, what it did with it. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher printOutputOnFailure = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            System.out.println("---- the launcher's output (" + context.getDisplayName() + ") ----");
            output.forEach(System.out::println);
            System.out.println("---- end of the launcher's output ----");
        }
    };

    private Process launcher;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serviceJarsAreBuilt() {
        for (String service : List.of("ticket-service", "sla-service", "escalation-service", "budget-service",
                "webhook-service", "notification-service", "gateway")) {
            Path jar = ROOT.resolve(service).resolve("target").resolve(service + ".jar");
            assertThat(jar).as("the launcher starts the packaged services: run ./mvnw -B -q -DskipTests package first")
                    .isRegularFile();
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        if (launcher != null) {
            launcher.destroyForcibly();
        }
        processesNaming(dataDir).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void ctrlCWhileTheServicesAreStartingStopsEverythingItStarted() throws Exception {
        startLauncher();
        awaitOutput(line -> line.startsWith("Starting gateway"), START_BOUND);
        Set<ProcessHandle> started = everythingStarted();
        assertThat(started.stream().map(p -> commandLine(p.pid())).toList())
                .as("the services, Kafka and PostgreSQL are running")
                .anyMatch(c -> c.contains("gateway")).anyMatch(c -> c.contains("ticket-service"))
                .anyMatch(c -> c.contains("kafka-broker")).anyMatch(c -> c.contains("postgres"));
        assertThat(output).noneMatch(line -> line.contains("is ready"));

        signal("INT", launcher.pid());

        assertEverythingGoneWithin(started, Duration.ofSeconds(90));
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).as("the launcher itself exits").isTrue();
    }

    @Test
    void ctrlCWhilePostgresAndKafkaAreStartingStopsEverythingItStarted() throws Exception {
        startLauncher();
        awaitOutput(line -> line.startsWith("Starting PostgreSQL"), START_BOUND);
        await().atMost(START_BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> postmaster().isPresent()); // the postmaster runs; Kafka is starting beside it
        Set<ProcessHandle> started = everythingStarted();

        signal("INT", launcher.pid());

        // within seconds, as a user expects of Ctrl-C (it took 90 s while the launcher waited for a PostgreSQL whose
        // start zonky's own shutdown hook had already cut short)
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher itself exits").isTrue();
        assertEverythingGoneWithin(started, Duration.ofSeconds(30));
        assertThat(output).noneMatch(line -> line.startsWith("Starting gateway"));
    }

    @Test
    void killMinus9OfTheReadyLauncherStopsEveryChildWithinSeconds() throws Exception {
        // One service and the gateway: every service JVM watches the launcher the same way (service-edge's
        // ExitWithLauncher, in all seven), and waiting for seven to be ready would double this class's time in CI.
        // Kafka's JVM and PostgreSQL's watchdog are the other two ways a child notices, both here.
        startLauncher(Map.of("HELPDESK_SERVICES", "ticket-service"));
        awaitOutput(line -> line.contains("helpdesk is ready"), START_BOUND);
        Set<ProcessHandle> started = everythingStarted();
        assertThat(started.stream().map(p -> commandLine(p.pid())).filter(c -> c.contains(" -jar ")).toList())
                .as("the ticket-service's and the gateway's JVMs").hasSize(2)
                .anyMatch(c -> c.contains("ticket-service")).anyMatch(c -> c.contains("gateway"));
        assertThat(started.stream().map(p -> commandLine(p.pid())))
                .anyMatch(c -> c.contains("kafka-broker")).anyMatch(c -> c.contains("postgres"));

        launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs; the children must notice by themselves
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // LauncherWatch halts a JVM whose exit takes longer than 15 s; PostgreSQL's watchdog allows it 5 s.
        assertEverythingGoneWithin(started, Duration.ofSeconds(30));
    }

    private void startLauncher() throws IOException {
        startLauncher(Map.of());
    }

    private void startLauncher(Map<String, String> extraEnvironment) throws IOException {
        Map<String, String> env = new HashMap<>(extraEnvironment);
        env.putAll(FreePorts.environment()); // every port distinct (the OS handed Kafka's to a service once)
        env.put("HELPDESK_DATA_DIR", dataDir.toString());
        env.put("HELPDESK_HOME", ROOT.toString());
        env.put("HELPDESK_READY_TIMEOUT_SECONDS", Long.toString(START_BOUND.toSeconds()));
        // A fresh data directory makes every service a class-data recording run, whose JVM writes its archive while
        // it exits: on 2 busy cores five such dumps outlast the bound below (seen in CI: one service exited after
        // more than 30 s). The bound is about noticing the launcher's death; the archive's cost is the footprint
        // benchmark's business (docs/local-stack.md).
        env.put("HELPDESK_CDS", "false");
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // `env --default-signal=INT`: a shell running a command in the background without job control (`cmd &` in a
        // script, nohup) makes it ignore SIGINT, and its descendants inherit that; a JVM that ignores SIGINT from its
        // start never runs its shutdown hooks on Ctrl-C (seen when CI was started that way). A user's terminal does
        // not do this, so the test undoes it to test what the user gets.
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT",
                JavaCommand.javaExecutable(), "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(), "--no-demo")
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        launcher = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the launcher is gone
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitOutput(Predicate<String> line, Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(100))
                .until(() -> !launcher.isAlive() || output.stream().anyMatch(line));
        assertThat(output).as("the launcher's output so far (alive: %s)", launcher.isAlive()).anyMatch(line);
    }

    /** The launcher's descendants, and the postmaster with its backends (daemonized: no descendant of the launcher). */
    private Set<ProcessHandle> everythingStarted() throws IOException {
        Set<ProcessHandle> all = new java.util.HashSet<>(launcher.descendants().toList());
        postmaster().ifPresent(postmaster -> {
            all.add(postmaster);
            all.addAll(postmaster.descendants().toList());
        });
        all.addAll(processesNaming(dataDir));
        return all;
    }

    /**
     * The running postmaster, from its pid file; empty while there is none. The file comes and goes while the embedded
     * PostgreSQL starts (initdb's bootstrap server, then the real one) and is written in steps, so a file that vanished
     * or is half written between the look and the read counts as "not yet".
     */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (java.nio.file.NoSuchFileException vanished) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    }

    private void assertEverythingGoneWithin(Set<ProcessHandle> started, Duration bound) {
        long begin = System.nanoTime();
        await().atMost(bound).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(alive(started)).as("still running of what the launcher started").isEmpty();
            assertThat(processesNaming(dataDir).stream().map(this::describe).toList())
                    .as("processes naming the data directory").isEmpty();
        });
        System.out.printf("every child of the launcher gone %d ms after the signal (%d processes)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), started.size());
    }

    private Set<String> alive(Set<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).filter(p -> !isZombie(p.pid()))
                .map(this::describe).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    static List<ProcessHandle> processesNaming(Path directory) {
        String name = directory.toString();
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p.pid()).contains(name))
                .filter(p -> !isZombie(p.pid()))
                .forEach(found::add);
        return found;
    }

    /** The whole command line from /proc (ProcessHandle.Info may truncate it or leave it out). */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private String describe(ProcessHandle process) {
        String line = commandLine(process.pid());
        return process.pid() + " " + (line.length() > 160 ? line.substring(0, 160) : line);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal + " " + pid).isZero();
    }
}
