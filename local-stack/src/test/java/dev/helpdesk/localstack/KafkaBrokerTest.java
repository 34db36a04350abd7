package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the broker JVM is started: from this launcher as it runs, or from its extracted jar with a class-data archive. */
class KafkaBrokerTest {

    private final StackConfig config = StackConfig.fromEnvironment(Map.of("HELPDESK_DATA_DIR", "/tmp/helpdesk-kafka-test"), false);

    @Test
    void withAnArchiveTheBrokerRunsFromTheExtractedLauncherJarAndMapsIt() {
        Path extracted = Path.of("/data/cds/kafka-abc/local-stack-exec.jar");
        ClassDataSharing.Launch sharing = new ClassDataSharing.Launch(extracted,
                List.of("-XX:SharedArchiveFile=/data/cds/kafka-abc/kafka.jsa", "-Xlog:cds=off"), null, null);

        List<String> command = KafkaBroker.command(config, sharing);

        assertThat(command).contains("-XX:SharedArchiveFile=/data/cds/kafka-abc/kafka.jsa", "-Dlog4j2.level=WARN");
        assertThat(command).containsSubsequence("-cp", extracted.toString(), LocalStack.class.getName(), "kafka-broker");
        assertThat(command.get(command.size() - 1)).endsWith("kafka.properties");
        assertThat(command.indexOf("-XX:SharedArchiveFile=/data/cds/kafka-abc/kafka.jsa")).isLessThan(command.indexOf("-cp"));
    }

    @Test
    void withoutSharingOrWithoutItsOptionsTheBrokerRunsFromThisLauncher() {
        List<String> plain = KafkaBroker.command(config, null);
        assertThat(plain).doesNotContain("/data/cds/kafka-abc/local-stack-exec.jar");
        assertThat(plain).containsSubsequence("-cp", System.getProperty("java.class.path"));
        assertThat(plain).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(KafkaBroker.command(config, ClassDataSharing.Launch.plain(Path.of("/data/cds/kafka-abc/local-stack-exec.jar"))))
                .isEqualTo(plain);
    }
}
