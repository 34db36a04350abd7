package dev.helpdesk.tickets.replay;

import java.util.UUID;

/** A replay was asked for while one of the same projection runs (on this or another instance). */
class ReplayRunningException extends RuntimeException {

    private final UUID running;

    ReplayRunningException(UUID running) {
        super("A replay is already running: " + running, null, false, false);
        this.running = running;
    }

    UUID running() {
        return running;
    }
}
