package dev.helpdesk.budgets.replay;

/** The rebuild was cancelled (or taken over as abandoned) while it ran: what it built is dropped. */
final class RebuildCancelledException extends RuntimeException {

    RebuildCancelledException() {
        super("the rebuild is no longer running", null, false, false);
    }
}
