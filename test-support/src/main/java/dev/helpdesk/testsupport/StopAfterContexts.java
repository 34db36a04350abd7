package dev.helpdesk.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops the tests' PostgreSQL and Kafka when the JVM ends, after every Spring application context of the JVM has
 * closed. A JVM runs its shutdown hooks all at once: with a hook of their own, the server and the broker stopped
 * while the cached test contexts were still closing, whose listener containers and outbox relays then waited for a
 * broker and a database that were gone (the sla-service's test JVM took over 30 s to exit and was killed by Surefire).
 * <p>
 * So each stop is, first, a shutdown handler of Spring Boot's hook, which closes the contexts and then runs its
 * handlers. That hook is only added to the JVM once a {@link SpringApplication} has run with a shutdown hook, though:
 * in a test JVM without one (test-support's own tests) the handlers never ran and the embedded PostgreSQL outlived
 * the JVM. So each stop also has a JVM hook of its own, which waits for the Spring hooks that are running (Boot's and
 * Spring Framework's, by their threads' names) and then stops; whichever comes first stops, the other finds it done.
 */
final class StopAfterContexts {

    private static final Logger log = LoggerFactory.getLogger(StopAfterContexts.class);
    private static final Set<String> SPRING_HOOKS = Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");
    /** The JVM starts all its hooks one after the other at once; this is ample for the Spring ones to be running. */
    private static final long HOOKS_STARTED_MILLIS = 200;
    private static final long LONGEST_CONTEXT_CLOSE_MILLIS = 60_000;

    private StopAfterContexts() {
    }

    /** Runs {@code stop} once, after the JVM's Spring contexts have closed; a failure is logged, not thrown. */
    static void register(String what, ThrowingStop stop) {
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable once = () -> {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            try {
                stop.run();
            } catch (Exception e) {
                log.warn("Could not stop {}", what, e);
            }
        };
        SpringApplication.getShutdownHandlers().add(once);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitSpringShutdownHooks();
            once.run();
        }, "stop " + what));
    }

    private static void awaitSpringShutdownHooks() {
        try {
            Thread.sleep(HOOKS_STARTED_MILLIS);
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (SPRING_HOOKS.contains(thread.getName()) && thread != Thread.currentThread()) {
                    thread.join(LONGEST_CONTEXT_CLOSE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    interface ThrowingStop {
        void run() throws Exception;
    }
}
