package dev.helpdesk.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line that starts another JVM running a main class of this launcher (e.g. the Kafka broker). */
final class JavaCommand {

    /** The system property that makes a child JVM exit when this launcher dies (service-edge's {@code LauncherWatch}). */
    static final String EXIT_WITH_LAUNCHER = dev.helpdesk.edge.launcher.LauncherWatch.PROPERTY;

    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private JavaCommand() {
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The executable jar this launcher runs from ({@code java -jar local-stack-exec.jar}), or null on a class path. */
    static Path executableJar() {
        String classPath = System.getProperty("java.class.path");
        return runsFromExecutableJar(classPath) ? Path.of(classPath) : null;
    }

    /** {@code java <jvmOptions> <main of this launcher> <args>}, whether we run from the executable jar or a classpath. */
    static List<String> ofLauncher(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        command.add("-cp");
        command.add(classPath);
        if (runsFromExecutableJar(classPath)) {
            command.add("-Dloader.main=" + LocalStack.class.getName());
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(LocalStack.class.getName());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** True when started with {@code java -jar local-stack-exec.jar} (a Spring Boot executable jar). */
    static boolean runsFromExecutableJar(String classPath) {
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
