package dev.helpdesk.edge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Ends this JVM when the process that launched it dies, however it died (even {@code kill -9}). The launcher keeps
 * the write end of this process's standard input open for as long as it lives and never writes to it; the kernel
 * closes it when the launcher exits, and the read here sees end-of-file. Unlike polling a parent pid, this reacts at
 * once and cannot be fooled by a reused pid. Plain Java: the local stack's Kafka JVM uses it too.
 */
public final class LauncherWatch {

    /** The system property with which a launcher asks its child JVM to watch (read by {@code ExitWithLauncher}). */
    public static final String PROPERTY = "helpdesk.local-stack.exit-with-launcher";

    /** How long a normal exit (shutdown hooks) may take before the JVM halts. */
    public static final Duration GRACE = Duration.ofSeconds(15);

    private LauncherWatch() {
    }

    /** Watches this JVM's standard input: on end-of-file exits, and halts if the exit takes longer than {@link #GRACE}. */
    public static void exitWhenStandardInputCloses() {
        watch(System.in, LauncherWatch::exitThenHalt);
    }

    /** Runs {@code onClosed} on a daemon thread once {@code input} reaches end-of-file (or fails). */
    static Thread watch(InputStream input, Runnable onClosed) {
        Thread watcher = new Thread(() -> {
            try {
                byte[] ignored = new byte[256];
                while (input.read(ignored) >= 0) {
                    // the launcher never writes; anything read is dropped
                }
            } catch (IOException closed) {
                // a broken pipe means the same: the launcher is gone
            }
            onClosed.run();
        }, "exit-with-launcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private static void exitThenHalt() {
        System.err.println("The launcher of this process is gone: exiting.");
        // System.exit blocks while a Spring context still refreshes holds the shutdown hook back: exit on its own
        // thread and halt when the grace is over.
        Thread exit = new Thread(() -> System.exit(0), "exit-with-launcher-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }
}
