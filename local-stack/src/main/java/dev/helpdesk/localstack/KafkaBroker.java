package dev.helpdesk.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An Apache Kafka broker in KRaft mode (broker and controller in one), as a child JVM, its data kept in {@code <dataDir>/kafka}. */
final class KafkaBroker {

    private KafkaBroker() {
    }

    /**
     * JVM of the broker: a small heap is plenty for a local stack's few topics; C1 only and the serial collector
     * start faster and keep the footprint down. {@code HELPDESK_KAFKA_JAVA_OPTS} replaces them.
     */
    static final String DEFAULT_JAVA_OPTIONS = "-Xms32m -Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    /** Writes the broker's properties and formats its storage on first use. */
    static void format(StackConfig config) throws IOException, InterruptedException {
        Path logDirs = config.dataDir().resolve("kafka");
        Files.createDirectories(logDirs);
        Files.writeString(properties(config), serverProperties(config, logDirs));
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(JavaCommand.ofLauncher(jvm(), "kafka-storage", "format",
                    "--cluster-id", Uuid.randomUuid().toString(), "--config", properties(config).toString(), "--ignore-formatted"))
                    .redirectErrorStream(true)
                    .redirectOutput(config.logDir().resolve("kafka-format.log").toFile())
                    .start();
            try {
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed, see " + config.logDir().resolve("kafka-format.log"));
                }
            } finally {
                format.destroyForcibly();
            }
        }
    }

    /** Starts the broker JVM (it exits by itself when this launcher dies); see {@link #awaitReady}. */
    static ManagedProcess launch(StackConfig config) throws IOException {
        return launch(config, null);
    }

    /**
     * As {@link #launch(StackConfig)}; with {@code sharing} (class data sharing, see {@link ClassDataSharing}) the
     * broker runs from the launcher's extracted jar with its archive, or records one.
     */
    static ManagedProcess launch(StackConfig config, ClassDataSharing.Launch sharing) throws IOException {
        ManagedProcess broker = ManagedProcess.start("kafka", command(config, sharing), Map.of(), config.logDir().resolve("kafka.log"));
        return sharing == null ? broker
                : broker.onGracefulStop(sharing::archiveWritten, sharing.recording() == null ? 0 : ClassDataSharing.DUMP_GRACE_SECONDS);
    }

    /** The broker's command line: from this launcher as it runs, or from its extracted jar with {@code sharing}'s options. */
    static List<String> command(StackConfig config, ClassDataSharing.Launch sharing) {
        if (sharing == null || sharing.jvmOptions().isEmpty()) {
            return JavaCommand.ofLauncher(jvm(), "kafka-broker", properties(config).toString());
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(JavaCommand.javaExecutable());
        command.addAll(jvm());
        command.addAll(sharing.jvmOptions());
        command.addAll(List.of("-cp", sharing.jar().toString(), LocalStack.class.getName(), "kafka-broker",
                properties(config).toString()));
        return command;
    }

    private static Path properties(StackConfig config) {
        return config.dataDir().resolve("kafka.properties");
    }

    private static List<String> jvm() {
        String options = System.getenv().getOrDefault("HELPDESK_KAFKA_JAVA_OPTS", "");
        List<String> jvm = new java.util.ArrayList<>(List.of(
                (options.isBlank() ? DEFAULT_JAVA_OPTIONS : options).trim().split("\\s+")));
        jvm.add("-Dlog4j2.level=WARN");
        return jvm;
    }

    private static String serverProperties(StackConfig config, Path logDirs) {
        int port = config.kafkaPort();
        int controllerPort = port + 1;
        return String.join("\n",
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
                "log.retention.ms=-1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // the log cleaner's default 128 MB dedupe buffer would need most of the small heap; the compacted
                // topics of a local stack (consumer offsets) are tiny
                "log.cleaner.dedupe.buffer.size=16777216",
                "num.network.threads=2",
                "num.io.threads=2",
                "") ;
    }

    static void awaitReady(String bootstrap, ManagedProcess broker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("Kafka exited during start, see " + broker.logFile());
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Kafka did not become ready within " + timeout.toSeconds() + " s, see " + broker.logFile());
    }
}
