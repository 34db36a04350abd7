package dev.helpdesk.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything the local stack needs to know, read from environment variables with local defaults.
 *
 * @param home        the repository root holding the built service jars ({@code <module>/target/<module>.jar})
 * @param dataDir     where PostgreSQL and Kafka keep their data between runs, and the logs
 * @param dbPort      embedded PostgreSQL port
 * @param kafkaPort   Kafka client port (the controller listens on the next port)
 * @param services    the five services with their ports
 * @param jwtSecret   HS256 secret shared by the gateway and the services (local stack only)
 * @param javaOptions JVM options for each service process
 * @param dbPreloadLibraries PostgreSQL {@code shared_preload_libraries} (e.g. {@code pg_stat_statements} for the
 *                    benchmarks); empty: none
 * @param tokenIssuer  the {@code iss} every service and the gateway require of HS256 tokens, and the demo tokens carry
 * @param tokenAudience the {@code aud} every service and the gateway require, and the demo tokens carry
 */
public record StackConfig(
        Path home,
        Path dataDir,
        int dbPort,
        int kafkaPort,
        List<ServiceSpec> services,
        String jwtSecret,
        List<String> javaOptions,
        boolean demoData,
        List<String> dbPreloadLibraries,
        String tokenIssuer,
        String tokenAudience) {

    public StackConfig(Path home, Path dataDir, int dbPort, int kafkaPort, List<ServiceSpec> services, String jwtSecret,
                       List<String> javaOptions, boolean demoData) {
        this(home, dataDir, dbPort, kafkaPort, services, jwtSecret, javaOptions, demoData, List.of(), LOCAL_ISSUER,
                LOCAL_AUDIENCE);
    }

    /** The well-known demo secret; the local stack only. Production uses an OIDC issuer or its own secret. */
    public static final String LOCAL_DEMO_SECRET = "local-helpdesk-demo-secret-change-me-0123456789";

    /** The {@code iss} of the local stack's tokens unless {@code HELPDESK_SECURITY_ISSUER} says otherwise. */
    public static final String LOCAL_ISSUER = "helpdesk-local-stack";

    /** The {@code aud} of the local stack's tokens unless {@code HELPDESK_SECURITY_AUDIENCE} says otherwise. */
    public static final String LOCAL_AUDIENCE = "helpdesk-api";

    public static StackConfig fromEnvironment(Map<String, String> env, boolean demoData) {
        UnaryOperator<String> get = env::get;
        Path home = Path.of(or(get, "HELPDESK_HOME", ".")).toAbsolutePath().normalize();
        return new StackConfig(
                home,
                Path.of(or(get, "HELPDESK_DATA_DIR", home.resolve(".helpdesk-data").toString())).toAbsolutePath().normalize(),
                port(get, "HELPDESK_DB_PORT", 15432),
                port(get, "HELPDESK_KAFKA_PORT", 19092),
                List.of(
                        new ServiceSpec("ticket-service", "TICKET_SERVICE_PORT", port(get, "TICKET_SERVICE_PORT", 8081), "tickets"),
                        new ServiceSpec("sla-service", "SLA_SERVICE_PORT", port(get, "SLA_SERVICE_PORT", 8082), "sla"),
                        new ServiceSpec("escalation-service", "ESCALATION_SERVICE_PORT", port(get, "ESCALATION_SERVICE_PORT", 8083), "escalations"),
                        new ServiceSpec("budget-service", "BUDGET_SERVICE_PORT", port(get, "BUDGET_SERVICE_PORT", 8084), "budgets"),
                        new ServiceSpec("gateway", "GATEWAY_PORT", port(get, "GATEWAY_PORT", 8080), null)),
                or(get, "HELPDESK_JWT_SECRET", LOCAL_DEMO_SECRET),
                List.of(or(get, "HELPDESK_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+")),
                demoData,
                List.of(or(get, "HELPDESK_DB_PRELOAD_LIBRARIES", "").trim().split("\\s*,\\s*")).stream()
                        .filter(library -> !library.isEmpty()).toList(),
                or(get, "HELPDESK_SECURITY_ISSUER", LOCAL_ISSUER),
                or(get, "HELPDESK_SECURITY_AUDIENCE", LOCAL_AUDIENCE));
    }

    public ServiceSpec gateway() {
        return service("gateway");
    }

    public ServiceSpec service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static String or(UnaryOperator<String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(UnaryOperator<String> env, String name, int fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number between 1 and 65535, was '" + value + "'");
        }
    }

    /** One service process: its module name, the variable naming its port, the port, its database (null: none). */
    public record ServiceSpec(String name, String portVariable, int port, String database) {
    }
}
