package dev.helpdesk.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child process the stack started and must stop: output to a log file, stopped gently then forcibly. Its standard
 * input stays an open pipe from this JVM for the child's whole life, never written to: the kernel closes it when this
 * JVM dies, however it dies, which is how the child knows to exit ({@code LauncherWatch} in service-edge).
 */
final class ManagedProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile Runnable onGracefulStop = () -> { };
    private volatile long extraGraceSeconds;
    private volatile boolean ready;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        return new ManagedProcess(name, builder.start(), logFile);
    }

    /** What to do once the process has exited within the grace period of {@link #stop(long)}, e.g. keep what it wrote at exit. */
    ManagedProcess onGracefulStop(Runnable action) {
        return onGracefulStop(action, 0);
    }

    /**
     * As {@link #onGracefulStop(Runnable)}, for a process with more to do at exit than its own shutdown (a JVM writing
     * a class-data-sharing archive): {@link #stop(long)} waits {@code extraGraceSeconds} longer before SIGKILL, once
     * the process was {@link #ready() ready} (stopped while starting, it has little worth waiting for: a Ctrl-C during
     * the start stays as quick as before).
     */
    ManagedProcess onGracefulStop(Runnable action, long extraGraceSeconds) {
        this.onGracefulStop = action;
        this.extraGraceSeconds = extraGraceSeconds;
        return this;
    }

    /** The process reported ready (see {@link #onGracefulStop(Runnable, long)}). */
    void ready() {
        ready = true;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM to the process (and its children), then SIGKILL after the grace period (and any extra, above). */
    void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        // SIGTERM through the handle: Process.destroy() would also close the child's standard input, which the child
        // takes for the launcher's death and then allows itself only LauncherWatch's grace to exit
        process.toHandle().destroy();
        try {
            if (process.waitFor(graceSeconds + (ready ? extraGraceSeconds : 0), TimeUnit.SECONDS)) {
                onGracefulStop.run();
            } else {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL, as a crash would (used by the system tests). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The last lines of the log, to show why a process failed. */
    String logTail(int lines) {
        try (Stream<String> all = Files.lines(logFile)) {
            List<String> list = all.toList();
            return String.join(System.lineSeparator(), list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log at " + logFile + ")";
        }
    }
}
