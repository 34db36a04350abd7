package dev.helpdesk.tickets.publishing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) in a child JVM of its own, on fixed ports and a
 * data directory that outlive it, so that a test can stop it and start it again: the same broker, restarted. The
 * tests' shared broker ({@code TestKafka}) must never be stopped; this one belongs to one test.
 */
final class RestartableKafka implements AutoCloseable {

    private final Path directory;
    private final Path properties;
    private final int port;
    private Process process;

    private RestartableKafka(Path directory, int port, int controllerPort) throws IOException {
        this.directory = directory;
        this.port = port;
        this.properties = directory.resolve("server.properties");
        Path logDirs = directory.resolve("data");
        Files.createDirectories(logDirs);
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=16777216",
                "num.network.threads=2",
                "num.io.threads=2",
                ""));
    }

    /** Formats the storage and starts the broker; answers once it serves requests. */
    static RestartableKafka start() throws Exception {
        RestartableKafka kafka = new RestartableKafka(Files.createTempDirectory("restartable-kafka"), freePort(), freePort());
        Process format = new ProcessBuilder(kafka.java("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", kafka.properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(kafka.directory.resolve("format.log").toFile())
                .start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("Formatting Kafka storage failed: " + Files.readString(kafka.directory.resolve("format.log")));
        }
        kafka.startAgain();
        return kafka;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker the way an operator does (SIGTERM: a controlled shutdown) and waits until it is gone. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the broker again on the same ports and data; answers once it serves requests. */
    void startAgain() throws Exception {
        process = new ProcessBuilder(java("kafka.Kafka", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during start, see " + directory.resolve("broker.log"));
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("Kafka did not become ready, see " + directory.resolve("broker.log"));
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
