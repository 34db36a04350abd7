package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStartOnADataDirectoryInUseIsRefusedAndLeavesTheRunningServerAlone() throws Exception {
        try (Database first = Database.start(dataDir, Ports.findFree(), List.of("tickets"), List.of())) {
            long postmaster = Database.runningPostmaster(dataDir.resolve("postgres")).orElseThrow();

            assertThatThrownBy(() -> Database.start(dataDir, Ports.findFree(), List.of("tickets"), List.of()))
                    .hasMessageContaining("already runs on").hasMessageContaining("HELPDESK_DATA_DIR")
                    .hasMessageContaining(Long.toString(postmaster));

            Thread.sleep(1_000); // a watchdog released by mistake would have signalled the postmaster by now
            assertThat(ProcessHandle.of(postmaster)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            try (Connection connection = DriverManager.getConnection(first.jdbcUrl("tickets"), "postgres", "postgres")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(Database.runningPostmaster(dataDir.resolve("postgres"))).isEmpty();
    }

    /**
     * Ctrl-C on the launcher stops the services first, and they drain (requests, relays, processors) against the
     * database, so the server must outlive every other shutdown hook of the launcher's JVM until it is closed.
     * zonky's own shutdown hook stopped it at once, beside them: every stop logged failed connections.
     */
    @Test
    void theServerOutlivesTheJvmsOtherShutdownHooksUntilItIsClosed() throws Exception {
        // `env --default-signal`: as in LauncherLifecycleTest, a JVM started with SIGINT ignored never runs its hooks
        Process probe = new ProcessBuilder("env", "--default-signal=INT", JavaCommand.javaExecutable(), "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), DatabaseShutdownProbe.class.getName(),
                dataDir.toString(), Integer.toString(Ports.findFree()))
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (java.io.IOException ended) {
                // the probe is gone
            }
        }, "probe-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(java.time.Duration.ofSeconds(120))
                    .until(() -> !probe.isAlive() || output.contains("PROBE ready"));
            assertThat(output).as("the probe's output (alive: %s)", probe.isAlive()).contains("PROBE ready");

            Process ctrlC = new ProcessBuilder("kill", "-INT", Long.toString(probe.pid())).inheritIO().start();
            assertThat(ctrlC.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe exits").isTrue();
            reader.join(5_000);
            assertThat(output).as("the probe's output (exit %s)", probe.exitValue()).contains("PROBE query-ok 1", "PROBE closed");
            assertThat(Database.runningPostmaster(dataDir.resolve("postgres"))).as("the server stopped when closed").isEmpty();
        } finally {
            probe.destroyForcibly();
        }
    }
}
