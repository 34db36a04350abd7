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

/** An embedded PostgreSQL server whose data survives restarts in {@code <dataDir>/postgres}, with the services' databases. */
final class Database implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private Database(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Database start(Path dataDir, int port, List<String> databases, List<String> preloadLibraries)
            throws IOException, SQLException {
        Path directory = dataDir.resolve("postgres");
        Files.createDirectories(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300");
        if (!preloadLibraries.isEmpty()) {
            builder.setServerConfig("shared_preload_libraries", String.join(",", preloadLibraries));
        }
        EmbeddedPostgres postgres = builder.start();
        Database database = new Database(postgres);
        database.createMissing(databases);
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
        postgres.close();
    }
}
