package dev.helpdesk.pipeline;

import dev.helpdesk.pipeline.replay.Rebuilding;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current transaction has committed (a wake-up, an eviction, a metric): never for a change
 * that rolls back. Without a transaction it runs at once; in a rebuild's transaction ({@code Rebuilding}) never.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable action) {
        if (Rebuilding.active()) {
            return; // a rebuild reconstructs state; it never acts (docs/replays.md)
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
