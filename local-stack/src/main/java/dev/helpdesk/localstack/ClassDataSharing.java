package dev.helpdesk.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Class data sharing (JDK 17 dynamic AppCDS) for the service JVMs: most of a Spring Boot start is loading and
 * verifying classes, which an archive of the parsed classes skips.
 * <p>
 * Per service and build, under {@code <dataDir>/cds/<service>-<key>/}: the jar extracted once with Spring Boot's
 * {@code -Djarmode=tools extract} (an archive only holds classes of plain jars on the class path, not of a fat jar's
 * nested ones), then run from there. The first run records with {@code -XX:ArchiveClassesAtExit} (the JVM writes the
 * archive when it exits; the stack keeps it only when the service stopped within its grace period, so a killed
 * service never leaves a half-written archive); later runs map it with {@code -XX:SharedArchiveFile}. The key covers
 * the jar (size, modification time), the JVM and the directory, so a rebuilt jar, another JDK or a moved data
 * directory gets a new extraction and archive; older ones of the same service are deleted. {@code HELPDESK_CDS=false}
 * runs the fat jars as they are.
 */
final class ClassDataSharing {

    /** How a service JVM starts: the jar to run and the JVM options that go with it. */
    record Launch(Path jar, List<String> jvmOptions, Path recording, Path archive) {

        static Launch plain(Path jar) {
            return new Launch(jar, List.of(), null, null);
        }

        /**
         * The same jar for one more JVM of the service: with the archive when there is one, else without any (one
         * recording per service: two JVMs writing the same file at exit would spoil it).
         */
        Launch withoutRecording() {
            return recording == null ? this : plain(jar);
        }

        /** After a graceful stop of a recording run: the archive the JVM wrote at exit becomes the one to use. */
        void archiveWritten() {
            if (recording == null) {
                return;
            }
            try {
                if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                    Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // no archive this time; the next run records again
            }
        }
    }

    /**
     * How much longer than its usual grace period a recording service may take to stop: the JVM writes its archive
     * (about 50 MB, some 4 s of CPU) after its own shutdown, and seven of them do it at once on 2 cores. With only
     * the usual 20 s, every recording JVM was killed while writing and no start ever had an archive to use. Only
     * for a service that was ready: one stopped while starting gets the usual grace (its archive would hold part of
     * a start; the next run records again).
     */
    static final long DUMP_GRACE_SECONDS = 40;

    /** An archive being written: {@code <service>.jsa.recording-<launcher pid>}. */
    private static final String RECORDING = ".jsa.recording-";

    private final Path directory;
    private final boolean enabled;
    private final Consumer<String> out;

    ClassDataSharing(Path directory, boolean enabled, Consumer<String> out) {
        this.directory = directory;
        this.enabled = enabled;
        this.out = out;
    }

    static ClassDataSharing fromEnvironment(Path directory, Consumer<String> out) {
        return new ClassDataSharing(directory, !"false".equalsIgnoreCase(System.getenv().getOrDefault("HELPDESK_CDS", "true").trim()), out);
    }

    /** Extracts the jar when this build has not been extracted yet; never fails: without CDS the fat jar runs. */
    Launch prepare(String service, Path jar) {
        if (!enabled) {
            return Launch.plain(jar);
        }
        try {
            Path home = directory.resolve(service + "-" + key(jar));
            Path extracted = home.resolve(jar.getFileName());
            if (!Files.isRegularFile(extracted)) {
                extract(service, jar, home);
            }
            Path archive = home.resolve(service + ".jsa");
            if (Files.isRegularFile(archive)) {
                return new Launch(extracted, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                        null, null);
            }
            deleteAbandonedRecordings(home, service);
            // one file per launcher: two stacks sharing this directory (HELPDESK_CDS_DIR) never write the same file
            Path recording = home.resolve(service + RECORDING + ProcessHandle.current().pid());
            Files.deleteIfExists(recording);
            return new Launch(extracted, List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                    recording, archive);
        } catch (IOException | RuntimeException e) {
            out.accept("  " + service + " runs without class data sharing (" + e.getMessage() + ")");
            return Launch.plain(jar);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Launch.plain(jar);
        }
    }

    private void extract(String service, Path jar, Path home) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        deleteOlder(service);
        Path partial = directory.resolve(home.getFileName() + ".partial-" + ProcessHandle.current().pid());
        LocalStack.deleteRecursively(partial);
        Process extract = new ProcessBuilder(JavaCommand.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", partial.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                throw new IOException("extracting " + jar + " failed");
            }
        } finally {
            extract.destroyForcibly();
        }
        Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Recordings of launchers that are gone (killed while their services ran): never completed, never used. */
    private static void deleteAbandonedRecordings(Path home, String service) throws IOException {
        String prefix = service + RECORDING;
        try (Stream<Path> entries = Files.list(home)) {
            for (Path file : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                String pid = file.getFileName().toString().substring(prefix.length());
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void deleteOlder(String service) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path old : entries.filter(p -> p.getFileName().toString().startsWith(service + "-")).toList()) {
                LocalStack.deleteRecursively(old);
            }
        }
    }

    /**
     * Changes with the jar (size, modification time), the JVM that runs it, and where the extraction lives: an
     * archive records the absolute class path it was made with, and a JVM given another one ignores it without a
     * word (the log is off), so a data directory moved or copied elsewhere would run every start without its archive.
     */
    String key(Path jar) throws IOException {
        String identity = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")
                + "|" + directory.toAbsolutePath();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
