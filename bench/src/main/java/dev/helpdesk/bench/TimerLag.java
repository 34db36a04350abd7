package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

/** Being built (issue 9); replaced by the benchmark itself. */
final class TimerLag {

    private final Stack stack;
    private final Portal portal;

    TimerLag(Stack stack, Portal portal) {
        this.stack = stack;
        this.portal = portal;
    }

    String run() throws Exception {
        throw new UnsupportedOperationException("not built yet");
    }
}
