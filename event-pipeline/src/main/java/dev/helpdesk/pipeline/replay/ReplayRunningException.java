package dev.helpdesk.pipeline.replay;

import java.util.UUID;

/** A replay was asked for while one of the same projection runs (on this or another instance). */
public class ReplayRunningException extends RuntimeException {

    private final UUID running;

    public ReplayRunningException(UUID running) {
        super("A replay is already running: " + running, null, false, false);
        this.running = running;
    }

    public UUID running() {
        return running;
    }
}
