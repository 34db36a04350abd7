package dev.helpdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.pipeline.replay.ProjectionReplays;
import dev.helpdesk.pipeline.replay.RebuildTarget;
import dev.helpdesk.pipeline.replay.Rebuilding;
import dev.helpdesk.pipeline.replay.ReplayLog;
import dev.helpdesk.pipeline.replay.ReplayMeters;
import dev.helpdesk.pipeline.replay.ReplayProgress;
import dev.helpdesk.pipeline.replay.ReplayRunningException;
import dev.helpdesk.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The replay package's promises that hold for every service: one running replay of a projection across instances
 * (two {@link ProjectionReplays} on one database), a silent instance's replay taken over, cancel, and a rebuild's
 * transaction that neither writes the outbox nor runs anything after its commit.
 */
@SpringBootTest
@RealInfrastructure(database = "replays")
class ReplayLogTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    ConsumerFactory<?, ?> consumers;
    @Value("${helpdesk.topics.sla}")
    String topic;

    /** A projection whose replay waits in its first poll until told to go on (nothing to rebuild). */
    static class Waiting implements RebuildTarget {
        final AtomicBoolean go = new AtomicBoolean();

        @Override
        public String projection() {
            return "notes";
        }

        @Override
        public List<String> topics() {
            return List.of("replay-test-" + UUID.randomUUID());
        }

        @Override
        public String liveConsumerGroup() {
            return "replay-test";
        }

        @Override
        public void prepare(String generation) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!go.get() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public int apply(String generation, List<ConsumerRecord<String, String>> records) {
            return 0;
        }

        @Override
        public void lockServed(Duration timeout) {
        }

        @Override
        public void switchOver(String generation) {
        }

        @Override
        public void discard(String generation) {
        }
    }

    private ProjectionReplays instance(RebuildTarget target) {
        return new ProjectionReplays(new ReplayLog(jdbc, transaction), List.of(target),
                consumers::getConfigurationProperties, jdbc, transaction, 100);
    }

    @Test
    void replayProgressIsAMetricOnEveryInstanceReadFromTheReplayTable() {
        Waiting target = new Waiting() {
            @Override
            public String projection() {
                return "gauged";
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ReplayMeters.register(meters, jdbc, List.of("gauged", "never-replayed"), Duration.ZERO);
        try (ProjectionReplays runner = instance(target)) {
            assertThat(meters.get("helpdesk.replay.running").tag("projection", "gauged").gauge().value()).isZero();
            ReplayProgress running = runner.start("gauged", "analyst-1");
            assertThat(meters.get("helpdesk.replay.running").tag("projection", "gauged").gauge().value()).isEqualTo(1.0);
            jdbc.update("UPDATE replay SET done = 40, total = 100 WHERE id = ?", UUID.fromString(running.id()));
            assertThat(meters.get("helpdesk.replay.events.done").tag("projection", "gauged").gauge().value()).isEqualTo(40.0);
            assertThat(meters.get("helpdesk.replay.events.expected").tag("projection", "gauged").gauge().value()).isEqualTo(100.0);
            assertThat(meters.get("helpdesk.replay.running").tag("projection", "never-replayed").gauge().value()).isZero();

            runner.cancel(UUID.fromString(running.id()));
            target.go.set(true);
            assertThat(meters.get("helpdesk.replay.running").tag("projection", "gauged").gauge().value()).isZero();
            assertThat(meters.get("helpdesk.replay.events.done").tag("projection", "gauged").gauge().value())
                    .as("the latest replay's figures stay after it ended").isEqualTo(40.0);
        }
    }

    @Test
    void oneReplayOfAProjectionRunsAtATimeAcrossInstancesAndACancelEndsIt() {
        Waiting target = new Waiting();
        try (ProjectionReplays first = instance(target); ProjectionReplays second = instance(target)) {
            ReplayProgress running = first.start("notes", "analyst-1");
            assertThat(running.state()).isEqualTo("RUNNING");

            assertThatThrownBy(() -> second.start("notes", "analyst-2")).isInstanceOfSatisfying(
                    ReplayRunningException.class, e -> assertThat(e.running().toString()).isEqualTo(running.id()));
            assertThat(second.progress(UUID.fromString(running.id())).orElseThrow().requestedBy()).isEqualTo("analyst-1");

            assertThat(second.cancel(UUID.fromString(running.id())).orElseThrow().state()).isEqualTo("CANCELLED");
            assertThatThrownBy(() -> first.cancel(UUID.fromString(running.id()))).isInstanceOf(IllegalStateException.class);
            assertThat(first.cancel(UUID.randomUUID())).isEmpty();
            target.go.set(true);
            assertThat(second.start("notes", "analyst-2").state()).isEqualTo("RUNNING");
            assertThatThrownBy(() -> first.start("budgets", "analyst-1")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aReplayWhoseInstanceStoppedReportingIsTakenOver() {
        UUID abandoned = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO replay (id, projection, state, requested_by, started_at, updated_at)
                VALUES (?, 'silent', 'RUNNING', 'analyst-1', now() - interval '10 minutes', now() - interval '3 minutes')""",
                abandoned);
        Waiting target = new Waiting() {
            @Override
            public String projection() {
                return "silent";
            }
        };
        target.go.set(true);
        try (ProjectionReplays replays = instance(target)) {
            assertThat(replays.start("silent", "analyst-2").state()).isEqualTo("RUNNING");
            ReplayProgress old = replays.progress(abandoned).orElseThrow();
            assertThat(old.state()).isEqualTo("FAILED");
            assertThat(old.error()).contains("abandoned");
        }
    }

    @Test
    void aRebuildsTransactionWritesNoOutboxAndRunsNothingAfterItsCommit() {
        long before = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
        AtomicBoolean ran = new AtomicBoolean();
        transaction.executeWithoutResult(status -> {
            Rebuilding.mark();
            outbox.appendAll(List.of(new OutboxEvent(topic, "stream-1", "Test", "test.happened.v1", Instant.now(),
                    "system", null, Map.of("n", 1))));
            AfterCommit.run(() -> ran.set(true));
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isEqualTo(before);
        assertThat(ran).isFalse();

        transaction.executeWithoutResult(status -> {
            outbox.appendAll(List.of(new OutboxEvent(topic, "stream-1", "Test", "test.happened.v1", Instant.now(),
                    "system", null, Map.of("n", 2))));
            AfterCommit.run(() -> ran.set(true));
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isEqualTo(before + 1);
        assertThat(ran).as("the mark ends with its transaction").isTrue();
    }
}
