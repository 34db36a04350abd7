package dev.helpdesk.edge;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The batching and the schedule every retention shares, without a database: the statements are recorded. */
class BatchedRetentionTest {

    @Test
    void deletesBatchAfterBatchUntilOneIsNotFull() {
        RecordingJdbc jdbc = new RecordingJdbc(BatchedRetention.BATCH, BatchedRetention.BATCH, 3);
        Retention retention = new Retention(jdbc, true, Duration.ofHours(1));

        assertThat(retention.prune()).isEqualTo(2 * BatchedRetention.BATCH + 3);

        assertThat(jdbc.statements).hasSize(3).allMatch(("DELETE FROM thing WHERE ctid = ANY (ARRAY(SELECT ctid FROM "
                + "thing WHERE made_at < now() - make_interval(secs => ?) LIMIT 10000)) [90.5]")::equals);
        assertThat(retention.logged).containsExactly(2 * BatchedRetention.BATCH + 3);
    }

    @Test
    void logsNothingWhenNothingExpired() {
        RecordingJdbc jdbc = new RecordingJdbc(0);
        Retention retention = new Retention(jdbc, true, Duration.ofHours(1));

        assertThat(retention.prune()).isZero();
        assertThat(jdbc.statements).hasSize(1);
        assertThat(retention.logged).isEmpty();
    }

    @Test
    void leavesTheTableAloneWhereItDoesNotApply() {
        RecordingJdbc jdbc = new RecordingJdbc(5);
        Retention retention = new Retention(jdbc, false, Duration.ofHours(1));

        assertThat(retention.prune()).isZero();
        assertThat(jdbc.statements).isEmpty();
    }

    @Test
    void prunesOnItsScheduleOnAThreadOfItsOwnUntilStopped() throws InterruptedException {
        RecordingJdbc jdbc = new RecordingJdbc(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Retention retention = new Retention(jdbc, true, Duration.ofMillis(20));
        assertThat(retention.isRunning()).isFalse();

        retention.start();
        try {
            assertThat(retention.isRunning()).isTrue();
            assertThat(jdbc.twoStatements.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(jdbc.threads).allMatch("thing-retention"::equals);
        } finally {
            retention.stop();
        }
        assertThat(retention.isRunning()).isFalse();
    }

    @Test
    void aFailedPruneIsTriedAgainAtTheNextTurn() throws InterruptedException {
        RecordingJdbc jdbc = new RecordingJdbc(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0); // -1: the statement fails
        Retention retention = new Retention(jdbc, true, Duration.ofMillis(20));

        retention.start();
        try {
            assertThat(jdbc.twoStatements.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            retention.stop();
        }
    }

    @Test
    void secondsKeepTheMilliseconds() {
        assertThat(BatchedRetention.seconds(Duration.ofMillis(1_500))).isEqualTo(1.5);
    }

    private static final class Retention extends BatchedRetention {

        final boolean applies;
        final Duration every;
        final List<Integer> logged = new ArrayList<>();

        Retention(JdbcTemplate jdbc, boolean applies, Duration every) {
            super(jdbc, "thing", "made_at < now() - make_interval(secs => ?)", "thing-retention");
            this.applies = applies;
            this.every = every;
        }

        @Override
        protected boolean applies() {
            return applies;
        }

        @Override
        protected Duration pruneInterval() {
            return every;
        }

        @Override
        protected Object[] arguments() {
            return new Object[] {90.5};
        }

        @Override
        protected void pruned(int total) {
            logged.add(total);
        }
    }

    /** Answers the given row counts in turn (none once they are used up) and records each statement. */
    private static final class RecordingJdbc extends JdbcTemplate {

        final Deque<Integer> answers = new ArrayDeque<>();
        final List<String> statements = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch twoStatements = new CountDownLatch(2);

        RecordingJdbc(int... answers) {
            Arrays.stream(answers).forEach(this.answers::add);
        }

        @Override
        public synchronized int update(String sql, Object... args) {
            statements.add(sql + " " + Arrays.toString(args));
            threads.add(Thread.currentThread().getName());
            twoStatements.countDown();
            Integer answer = answers.poll();
            if (answer != null && answer < 0) {
                throw new IllegalStateException("the database is away");
            }
            return answer == null ? 0 : answer;
        }
    }
}
