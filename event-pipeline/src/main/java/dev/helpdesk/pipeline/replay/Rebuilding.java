package dev.helpdesk.pipeline.replay;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Marks the current transaction as a rebuild's. A rebuild reconstructs state; it never acts on the world: in a
 * marked transaction the outbox writes nothing ({@code OutboxWriter}) and nothing runs after the commit
 * ({@code AfterCommit}: no wake-ups, metrics or evictions). Only the live path publishes.
 */
public final class Rebuilding {

    private static final Object KEY = Rebuilding.class;

    private Rebuilding() {
    }

    /** Marks the current transaction (which must be active) until it completes. */
    public static void mark() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("A rebuild runs in a transaction");
        }
        if (TransactionSynchronizationManager.hasResource(KEY)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(KEY, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
        });
    }

    public static boolean active() {
        return TransactionSynchronizationManager.hasResource(KEY);
    }
}
