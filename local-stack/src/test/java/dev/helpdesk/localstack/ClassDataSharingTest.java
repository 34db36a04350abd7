package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTest {

    @TempDir
    Path temp;

    @Test
    void aServiceWithAnArchiveRunsTheExtractedJarWithIt() throws Exception {
        Path jar = fakeJar();
        ClassDataSharing sharing = new ClassDataSharing(temp.resolve("data/cds"), true, line -> { });
        Path home = extractedWithArchive(sharing, temp.resolve("data/cds"), jar);

        ClassDataSharing.Launch launch = sharing.prepare("ticket-service", jar);

        assertThat(launch.jar()).isEqualTo(home.resolve("ticket-service.jar"));
        assertThat(launch.jvmOptions()).contains("-XX:SharedArchiveFile=" + home.resolve("ticket-service.jsa"));
        assertThat(launch.recording()).isNull();
    }

    /**
     * An archive holds the absolute class path it was recorded with; the JVM silently ignores it for another one. A
     * data directory copied elsewhere must therefore not reuse the copied archive (every start would run without
     * one, twice the CPU, with nothing said), but extract and record afresh.
     */
    @Test
    void aDataDirectoryCopiedElsewhereDoesNotReuseTheArchivesRecordedForTheOldPlace() throws Exception {
        Path jar = fakeJar();
        Path original = temp.resolve("data/cds");
        extractedWithArchive(new ClassDataSharing(original, true, line -> { }), original, jar);
        Path copy = temp.resolve("copied-data/cds");
        copyRecursively(original, copy);
        List<String> said = new ArrayList<>();

        ClassDataSharing.Launch launch = new ClassDataSharing(copy, true, said::add).prepare("ticket-service", jar);

        // the fake jar cannot be extracted, so the service runs its fat jar as it is, and says so
        assertThat(launch.jvmOptions()).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
        assertThat(launch.jar()).isEqualTo(jar);
        assertThat(said).anyMatch(line -> line.contains("runs without class data sharing"));
        assertThat(new ClassDataSharing(copy, true, line -> { }).key(jar))
                .isNotEqualTo(new ClassDataSharing(original, true, line -> { }).key(jar));
    }

    /**
     * Stacks that share one directory ({@code HELPDESK_CDS_DIR}) record each to a file of their own launcher, so two
     * JVMs never write one archive at once; what a launcher that is gone left half written is deleted, what a running
     * one is writing is not.
     */
    @Test
    void eachLauncherRecordsToItsOwnFileAndAbandonedRecordingsAreDeleted() throws Exception {
        Path jar = fakeJar();
        Path directory = temp.resolve("shared-cds");
        ClassDataSharing sharing = new ClassDataSharing(directory, true, line -> { });
        Path home = directory.resolve("ticket-service-" + sharing.key(jar));
        Files.createDirectories(home);
        Files.writeString(home.resolve("ticket-service.jar"), "extracted");
        long gone = ProcessHandle.current().pid() + 1_000_000_000L; // no such process
        long running = ProcessHandle.current().parent().orElseThrow().pid();
        Path abandoned = Files.writeString(home.resolve("ticket-service.jsa.recording-" + gone), "half");
        Path othersInProgress = Files.writeString(home.resolve("ticket-service.jsa.recording-" + running), "half");

        ClassDataSharing.Launch launch = sharing.prepare("ticket-service", jar);

        assertThat(launch.recording()).isEqualTo(home.resolve("ticket-service.jsa.recording-" + ProcessHandle.current().pid()));
        assertThat(launch.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + launch.recording());
        assertThat(abandoned).doesNotExist();
        assertThat(othersInProgress).exists();

        Files.writeString(launch.recording(), "archive");
        launch.archiveWritten();
        assertThat(sharing.prepare("ticket-service", jar).jvmOptions())
                .contains("-XX:SharedArchiveFile=" + home.resolve("ticket-service.jsa"));
    }

    private Path fakeJar() throws Exception {
        Path jar = temp.resolve("home/ticket-service/target/ticket-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not really a jar");
        return jar;
    }

    /** What a first run leaves behind: the extracted jar and, after its graceful stop, the archive. */
    private static Path extractedWithArchive(ClassDataSharing sharing, Path directory, Path jar) throws Exception {
        Path home = directory.resolve("ticket-service-" + sharing.key(jar));
        Files.createDirectories(home);
        Files.writeString(home.resolve("ticket-service.jar"), "extracted");
        Files.writeString(home.resolve("ticket-service.jsa"), "archive");
        return home;
    }

    private static void copyRecursively(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
