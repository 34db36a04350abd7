package dev.helpdesk.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Spring AOT for the service JVMs of the local stack. Each service jar is built with Spring Boot's
 * {@code process-aot} (the root pom): the bean definitions of its context are generated as code at build time, so a
 * start with {@code -Dspring.aot.enabled=true} skips parsing configuration classes and evaluating conditions, the
 * larger part of the context refresh (measured: BENCHMARKS.md, benchmark 6).
 * <p>
 * The price: which beans exist is decided when the jar is built, with the defaults of its {@code application.yml}.
 * A property that switches a bean on or off ({@code @ConditionalOnProperty}) has no effect on an AOT start. So the
 * launcher runs a service without AOT whenever its JVM options or its environment set one of
 * {@link #BUILD_TIME_PROPERTIES} (the system tests do, to export spans), and says so. {@code HELPDESK_AOT=false}
 * switches AOT off for every service; a jar built without {@code process-aot} runs without it.
 */
final class AheadOfTime {

    static final String ENABLED_OPTION = "-Dspring.aot.enabled=true";

    /**
     * Properties that decide in some service whether a bean exists. {@code AheadOfTimeTest} fails when a
     * {@code @ConditionalOnProperty} or {@code @ConditionalOnExpression} of the main code names one not listed.
     */
    static final List<String> BUILD_TIME_PROPERTIES = List.of(
            "management.otlp.tracing.export.enabled",
            "management.tracing.enabled",
            "management.tracing.export.enabled",
            "helpdesk.security.contact-membership.enabled",
            "helpdesk.idempotency.enabled",
            "helpdesk.tickets.publishing.enabled",
            "helpdesk.sla.timers.wait-for-consumer",
            "helpdesk.pipeline.outbox.enabled",
            "spring.profiles.active",
            "spring.profiles.include");

    /** Environment variables that the services' {@code application.yml} maps to {@link #BUILD_TIME_PROPERTIES}. */
    static final List<String> BUILD_TIME_VARIABLES = List.of(
            "HELPDESK_OTLP_TRACING_ENABLED",
            "HELPDESK_SLA_TIMER_WAIT_FOR_CONSUMER",
            "SPRING_APPLICATION_JSON");

    private AheadOfTime() {
    }

    /** True when the jar carries the code {@code process-aot} generated for its main class. */
    static boolean built(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue("Start-Class");
            return main != null
                    && file.getEntry("BOOT-INF/classes/" + main.replace('.', '/') + "__ApplicationContextInitializer.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first build-time property (or the variable naming it) that the JVM options or the environment set, if any:
     * then the service must start without AOT. Environment names are compared in Spring Boot's relaxed form
     * ({@code HELPDESK_TICKETS_PUBLISHING_ENABLED} sets {@code helpdesk.tickets.publishing.enabled}).
     */
    static Optional<String> overriddenBy(List<String> jvmOptions, Map<String, String> environment) {
        for (String option : jvmOptions) {
            if (option.startsWith("-D")) {
                String name = option.substring(2).split("=", 2)[0];
                for (String property : BUILD_TIME_PROPERTIES) {
                    if (relaxed(property).equals(relaxed(name))) {
                        return Optional.of(option);
                    }
                }
            }
        }
        for (String variable : environment.keySet()) {
            if (BUILD_TIME_VARIABLES.contains(variable)) {
                return Optional.of(variable);
            }
            for (String property : BUILD_TIME_PROPERTIES) {
                if (relaxed(property).equals(relaxed(variable))) {
                    return Optional.of(variable);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code helpdesk.sla.timers.wait-for-consumer} and {@code HELPDESK_SLA_TIMERS_WAITFORCONSUMER} alike. */
    static String relaxed(String name) {
        return name.replace("-", "").replace("_", ".").toLowerCase(Locale.ROOT);
    }
}
