package dev.helpdesk.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * One real PostgreSQL server per JVM, chosen in this order: the server named by {@code HELPDESK_TEST_POSTGRES_URL}
 * (a JDBC URL of a database the user may create databases from, credentials in the URL or in
 * {@code HELPDESK_TEST_POSTGRES_USER}/{@code HELPDESK_TEST_POSTGRES_PASSWORD}); Testcontainers when a Docker engine
 * answers; otherwise an embedded PostgreSQL. Each caller gets fresh databases from it. A server started here is stopped
 * when the JVM ends, after the Spring contexts that use it ({@link StopAfterContexts}).
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static volatile TestPostgres instance;

    private final String adminUrl;
    private final String username;
    private final String password;
    private final String description;

    private TestPostgres(String adminUrl, String username, String password, String description) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    /** The server of this JVM, started on first use and stopped when the JVM ends. */
    public static TestPostgres get() {
        if (instance == null) {
            synchronized (TestPostgres.class) {
                if (instance == null) {
                    instance = start();
                    log.info("Tests use PostgreSQL: {}", instance.description);
                }
            }
        }
        return instance;
    }

    private static TestPostgres start() {
        String url = System.getenv("HELPDESK_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new TestPostgres(url, System.getenv("HELPDESK_TEST_POSTGRES_USER"),
                    System.getenv("HELPDESK_TEST_POSTGRES_PASSWORD"), "configured server " + url);
        }
        if (Docker.isAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            StopAfterContexts.register("the tests' PostgreSQL container", container::stop);
            return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + container.getJdbcUrl());
        }
        try {
            // zonky's own shutdown hook would stop the server while the JVM's Spring contexts still close
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            StopAfterContexts.register("the tests' embedded PostgreSQL", postgres::close);
            return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded on port " + postgres.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL for the tests", e);
        }
    }

    /** Creates an empty database with a unique name starting with {@code prefix} and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        if (!Character.isLetter(name.charAt(0))) {
            name = "t" + name.substring(1);
        }
        try (Connection connection = connect(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        String base = adminUrl.substring(0, slash + 1);
        return base + database + (query >= 0 ? adminUrl.substring(query) : "");
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Opens a connection to a database of this server with the test credentials. */
    public Connection connect(String jdbcUrl) throws SQLException {
        return username == null ? DriverManager.getConnection(jdbcUrl)
                : DriverManager.getConnection(jdbcUrl, username, password);
    }

    static final class Docker {
        private Docker() {
        }

        static boolean isAvailable() {
            if ("false".equalsIgnoreCase(System.getenv("HELPDESK_TEST_USE_DOCKER"))) {
                return false;
            }
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) {
                return false;
            }
        }
    }
}
