package dev.helpdesk.escalations.escalation;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When the acknowledgement-timer poller looks next, and how a transaction that sets an earlier deadline wakes it:
 * the poller sleeps until its next look, a commit that wrote a deadline due before then rings the alarm.
 */
@Component
public class DeadlineAlarm {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private final Clock clock;
    /** The poller's next look; {@link Instant#MAX} while it looks (any deadline set meanwhile may be missed). */
    private Instant nextLook = Instant.MAX;
    private boolean rang;

    public DeadlineAlarm(Clock clock) {
        this.clock = clock;
    }

    /** A deadline due at {@code dueAt} was written: wakes the poller once the current transaction commits. */
    public void deadlineSet(Instant dueAt) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            ring(dueAt);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                ring(dueAt);
            }
        });
    }

    void ring(Instant dueAt) {
        lock.lock();
        try {
            if (dueAt.isBefore(nextLook)) {
                rang = true;
                rung.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The poller starts looking: deadlines written from now on are seen by this look or ring for the next one. */
    void looking() {
        lock.lock();
        try {
            rang = false;
            nextLook = Instant.MAX;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps until {@code wakeAt}, or until a deadline due earlier is set (also one set during the last look). */
    void sleepUntil(Instant wakeAt) throws InterruptedException {
        lock.lock();
        try {
            nextLook = wakeAt;
            long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis()));
            while (!rang && nanos > 0) {
                nanos = rung.awaitNanos(nanos);
            }
        } finally {
            nextLook = Instant.MAX;
            lock.unlock();
        }
    }
}
