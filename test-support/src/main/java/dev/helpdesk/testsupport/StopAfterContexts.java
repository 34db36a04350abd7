package dev.helpdesk.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * Stops the tests' PostgreSQL and Kafka when the JVM ends, after every Spring application context of the JVM has
 * closed. A JVM runs its shutdown hooks all at once: with a hook of their own, the server and the broker stopped
 * while the cached test contexts were still closing, whose listener containers and outbox relays then waited for a
 * broker and a database that were gone (the sla-service's test JVM took over 30 s to exit and was killed by Surefire).
 * Spring Boot's own shutdown hook closes the contexts first and then runs its shutdown handlers, so the stops are
 * handlers.
 */
final class StopAfterContexts {

    private static final Logger log = LoggerFactory.getLogger(StopAfterContexts.class);

    private StopAfterContexts() {
    }

    /** Runs {@code stop} once the JVM's Spring contexts have closed; a failure is logged, not thrown. */
    static void register(String what, ThrowingStop stop) {
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                stop.run();
            } catch (Exception e) {
                log.warn("Could not stop {}", what, e);
            }
        });
    }

    @FunctionalInterface
    interface ThrowingStop {
        void run() throws Exception;
    }
}
