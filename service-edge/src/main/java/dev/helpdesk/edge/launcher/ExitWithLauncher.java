package dev.helpdesk.edge.launcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a service started by the local stack exit when the launcher dies, however it died, with {@link LauncherWatch}.
 * Active only with {@value #PROPERTY}{@code =true} (the launcher passes it as a system property): a service started
 * any other way may have a closed or empty standard input. An environment post-processor rather than an
 * auto-configuration so that the watch starts before the application context begins to refresh: a launcher killed
 * while the service is still starting is noticed too.
 */
public final class ExitWithLauncher implements EnvironmentPostProcessor {

    public static final String PROPERTY = LauncherWatch.PROPERTY;

    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(PROPERTY, Boolean.class, false) && WATCHING.compareAndSet(false, true)) {
            LauncherWatch.exitWhenStandardInputCloses();
        }
    }
}
