package dev.helpdesk.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An embedded PostgreSQL server whose data survives restarts in {@code <dataDir>/postgres}, with the services' databases.
 * <p>
 * zonky starts the postmaster with {@code pg_ctl start}, so it is no child of this JVM and nothing of it watches this
 * JVM: a small shell watchdog does. Its standard input is a pipe from this JVM, never written to; when this JVM dies
 * (even {@code kill -9}) the read ends and the watchdog stops the postmaster named in {@code postmaster.pid} with
 * SIGQUIT (PostgreSQL's immediate shutdown: the data stays consistent, the next start recovers from the WAL), then
 * SIGKILL if it is still there after 5 s. It is started before the server, so it covers a launcher killed while the
 * server is still starting (it waits up to 10 s for the pid file).
 */
final class Database implements AutoCloseable {

    /** POSIX sh; {@code $1} is the data directory. Only a process named {@code postgres} is signalled (a stale pid file). */
    private static final String WATCHDOG = String.join("\n",
            "while read -r _; do :; done",
            "is_postgres() { if [ -d /proc/$1 ]; then read -r c 2>/dev/null </proc/$1/comm && [ \"$c\" = postgres ]; else kill -0 $1 2>/dev/null; fi; }",
            "i=0",
            "while [ $i -lt 20 ]; do",
            "  pid=; read -r pid 2>/dev/null <\"$1/postmaster.pid\"",
            "  if [ -n \"$pid\" ] && is_postgres $pid; then",
            "    kill -QUIT $pid",
            "    j=0; while [ $j -lt 10 ] && is_postgres $pid; do sleep 0.5; j=$((j+1)); done",
            "    kill -KILL $pid 2>/dev/null",
            "    exit 0",
            "  fi",
            "  i=$((i+1)); sleep 0.5",
            "done");

    private final EmbeddedPostgres postgres;
    private final Process watchdog;

    private Database(EmbeddedPostgres postgres, Process watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    static Database start(Path dataDir, int port, List<String> databases, List<String> preloadLibraries)
            throws IOException, SQLException {
        Path directory = dataDir.resolve("postgres");
        Files.createDirectories(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky's default is 10 s; on 2 busy cores, next to Kafka's start, PostgreSQL may need longer
                .setPGStartupWait(java.time.Duration.ofSeconds(120))
                // No shutdown hook of zonky's: it would stop the server at once on Ctrl-C, beside the launcher's own
                // hook, while the services still drain against it. The launcher closes the server after the
                // services (Stack.close); the watchdog covers a launcher that dies without closing it.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "300");
        if (!preloadLibraries.isEmpty()) {
            builder.setServerConfig("shared_preload_libraries", String.join(",", preloadLibraries));
        }
        // the watchdog below stops whatever postmaster the pid file names: never one this launcher did not start
        java.util.OptionalLong running = runningPostmaster(directory);
        if (running.isPresent()) {
            throw new IllegalStateException("PostgreSQL (pid " + running.getAsLong() + ") already runs on " + directory
                    + ": another local stack uses this data directory; stop it, or choose another HELPDESK_DATA_DIR");
        }
        Process watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, "postgres-watchdog", directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            // The postmaster may be running although the start failed (pg_ctl has run, then a later step failed;
            // with zonky's shutdown hook, registering it during this JVM's shutdown did), and destroying the watchdog
            // would leave that server running with nothing watching it. Ending the watchdog's lifeline instead makes
            // it stop whatever server the data directory's pid file names (it waits up to 10 s for one); when there
            // is none, it simply exits.
            releaseLifeline(watchdog);
            throw e;
        }
        Database database = new Database(postgres, watchdog);
        try {
            database.createMissing(databases);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private void createMissing(List<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : databases) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        }
    }

    /**
     * Lets connections to one database in, or refuses new ones and terminates the open ones (as a stopped server
     * would), leaving the server's other databases alone.
     */
    void setConnectionsAllowed(String name, boolean allowed) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE \"" + name.replace("\"", "") + "\" ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                try (PreparedStatement terminate = connection.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    terminate.setString(1, name);
                    terminate.executeQuery().close();
                }
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            watchdog.destroy();
        }
    }

    /** The pid of a live process named {@code postgres} that the data directory's pid file names, if any. */
    static java.util.OptionalLong runningPostmaster(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
            if (lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,9}")) {
                return java.util.OptionalLong.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            String name = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
            return name.equals("postgres") ? java.util.OptionalLong.of(pid) : java.util.OptionalLong.empty();
        } catch (IOException | RuntimeException noneOrGone) {
            return java.util.OptionalLong.empty();
        }
    }

    private static void releaseLifeline(Process watchdog) {
        try {
            watchdog.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the watchdog sees end-of-file either way
        }
    }

    /** The watchdog's process (tests check it stops PostgreSQL when this JVM dies). */
    long watchdogPid() {
        return watchdog.pid();
    }
}
