package dev.helpdesk.pipeline;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What {@code @Transactional(propagation = MANDATORY)} checks, without the proxy: hot paths of the consumers (called
 * once per poll in the poll's transaction) spent ~9 % of their CPU in the transaction interceptor's per-call lookups
 * (BENCHMARKS.md, 7, "Fifth step").
 */
public final class InTransaction {

    private InTransaction() {
    }

    /** Throws unless a transaction is active on this thread; {@code what} names the caller in the message. */
    public static void required(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(what + " runs in its caller's transaction, and there is none");
        }
    }
}
