package dev.helpdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AheadOfTimeTest {

    @Test
    void aPropertyThatDecidesWhichBeansExistTurnsAotOffWhateverFormItIsSetIn() {
        assertThat(AheadOfTime.overriddenBy(List.of("-Xmx384m", "-Dmanagement.otlp.tracing.export.enabled=true"), Map.of()))
                .contains("-Dmanagement.otlp.tracing.export.enabled=true");
        assertThat(AheadOfTime.overriddenBy(List.of(), Map.of("HELPDESK_TICKETS_PUBLISHING_ENABLED", "false")))
                .contains("HELPDESK_TICKETS_PUBLISHING_ENABLED");
        assertThat(AheadOfTime.overriddenBy(List.of(), Map.of("HELPDESK_SLA_TIMERS_WAITFORCONSUMER", "false")))
                .contains("HELPDESK_SLA_TIMERS_WAITFORCONSUMER");
        assertThat(AheadOfTime.overriddenBy(List.of(), Map.of("HELPDESK_OTLP_TRACING_ENABLED", "true")))
                .contains("HELPDESK_OTLP_TRACING_ENABLED");
        assertThat(AheadOfTime.overriddenBy(List.of(), Map.of("SPRING_PROFILES_ACTIVE", "x"))).contains("SPRING_PROFILES_ACTIVE");
    }

    @Test
    void whatTheLauncherSetsItselfKeepsAotOn() {
        assertThat(AheadOfTime.overriddenBy(List.of(StackConfig.DEFAULT_JAVA_OPTIONS.split(" ")), Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/tickets",
                "HELPDESK_KAFKA_BOOTSTRAP", "localhost:19092",
                "HELPDESK_GATEWAY_DEMO_SIGN_IN_URL", "http://127.0.0.1:8090",
                "HELPDESK_SMTP_HOST", "127.0.0.1",
                "HELPDESK_OTLP_TRACING_ENDPOINT", "http://127.0.0.1:4318/v1/traces"))).isEmpty();
    }

    @Test
    void onlyAJarWithTheGeneratedInitializerOfItsMainClassRunsWithAot(@TempDir Path dir) throws IOException {
        Path processed = jar(dir.resolve("processed.jar"), "BOOT-INF/classes/dev/example/App__ApplicationContextInitializer.class");
        Path plain = jar(dir.resolve("plain.jar"), "BOOT-INF/classes/dev/example/App.class");
        Path other = jar(dir.resolve("other.jar"), "BOOT-INF/classes/dev/example/Other__ApplicationContextInitializer.class");

        assertThat(AheadOfTime.built(processed)).isTrue();
        assertThat(AheadOfTime.built(plain)).isFalse();
        assertThat(AheadOfTime.built(other)).isFalse();
        assertThat(AheadOfTime.built(dir.resolve("missing.jar"))).isFalse();
    }

    /**
     * Every property a condition of the services' main code reads is one the launcher watches: a new
     * {@code @ConditionalOnProperty} would otherwise be silently fixed at its build-time value in the local stack.
     */
    @Test
    void everyConditionalPropertyOfTheMainCodeIsListed() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("ticket-service/src/main/java")).isDirectory();
        Pattern annotation = Pattern.compile("@ConditionalOn(Property|Expression)\\((.*?)\\)\\s*\\n", Pattern.DOTALL);
        Pattern quoted = Pattern.compile("(prefix|name|value)\\s*=\\s*\"([^\"]+)\"");
        Pattern placeholder = Pattern.compile("\\$\\{([^:}]+)");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList()) {
                Matcher m = annotation.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(1).equals("Expression")) {
                        Matcher p = placeholder.matcher(m.group(2));
                        while (p.find()) {
                            found.add(p.group(1));
                        }
                        continue;
                    }
                    String prefix = "";
                    String name = null;
                    Matcher q = quoted.matcher(m.group(2));
                    while (q.find()) {
                        if (q.group(1).equals("prefix")) {
                            prefix = q.group(2) + ".";
                        } else {
                            name = q.group(2);
                        }
                    }
                    found.add(prefix + name);
                }
            }
        }
        assertThat(found).as("conditional properties of the main code").isNotEmpty()
                .contains("helpdesk.tickets.publishing.enabled");
        assertThat(AheadOfTime.BUILD_TIME_PROPERTIES).containsAll(found);
    }

    private static Path jar(Path path, String entry) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Start-Class", "dev.example.App");
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(new byte[] {1});
            jar.closeEntry();
        }
        return path;
    }
}
