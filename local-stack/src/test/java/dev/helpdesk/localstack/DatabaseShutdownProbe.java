package dev.helpdesk.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * A JVM that runs a {@link Database} the way the launcher does: its own shutdown hook still uses the server (as the
 * launcher's services do while they drain) and closes it last. Used by {@link DatabaseTest}; arguments: data
 * directory, port.
 */
public final class DatabaseShutdownProbe {

    private DatabaseShutdownProbe() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.start(Path.of(args[0]), Integer.parseInt(args[1]), List.of("probe"), List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("PROBE stopping");
                Thread.sleep(1_500); // longer than PostgreSQL's fast shutdown takes
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl("probe"), "postgres", "postgres");
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT 1")) {
                    row.next();
                    System.out.println("PROBE query-ok " + row.getInt(1));
                }
            } catch (Exception e) {
                System.out.println("PROBE query-failed " + e.getMessage());
            } finally {
                try {
                    database.close();
                    System.out.println("PROBE closed");
                } catch (Exception e) {
                    System.out.println("PROBE close-failed " + e.getMessage());
                }
            }
        }, "probe-shutdown"));
        System.out.println("PROBE ready");
        Thread.sleep(120_000); // bounded: the test stops this JVM long before
    }
}
