package dev.helpdesk.testsupport;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/**
 * Leaves out of an ArchUnit import the classes Spring Boot's {@code process-aot} wrote into {@code target/classes}
 * (bean definitions {@code X__BeanDefinitions}, {@code X__ApplicationContextInitializer} and the like, and the CGLIB
 * proxies {@code X$$SpringCGLIB$$0}). They are not our code: a proxy of a controller is not annotated as one, so a rule
 * about controllers would flag it. A clean build runs the tests before {@code process-aot}; a second {@code verify}
 * without {@code clean} finds them there. Use it beside {@link ImportOption.DoNotIncludeTests} in every architecture test.
 */
public final class DoNotIncludeAotGenerated implements ImportOption {

    private static final Pattern GENERATED = Pattern.compile(".*(__[A-Z][A-Za-z]*|\\$\\$SpringCGLIB\\$\\$\\d+)\\.class$");

    @Override
    public boolean includes(Location location) {
        return !location.matches(GENERATED);
    }
}
