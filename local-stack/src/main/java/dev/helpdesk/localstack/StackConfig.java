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
 * @param services    the six processes (five services and the gateway) with their ports
 * @param addresses   the interfaces the services, their management ports and the gateway listen on
 * @param jwtSecret   HS256 secret shared by the gateway and the services (local stack only)
 * @param javaOptions JVM options for each service process
 * @param dbPreloadLibraries PostgreSQL {@code shared_preload_libraries} (e.g. {@code pg_stat_statements} for the
 *                    benchmarks); empty: none
 * @param tokenIssuer  the {@code iss} every service and the gateway require of HS256 tokens, and the demo tokens carry
 * @param tokenAudience the {@code aud} every service and the gateway require, and the demo tokens carry
 * @param mailbox     the ports of the local mailbox (SMTP server and its page, docs/notifications.md)
 * @param cdsDir      where the class-data-sharing extractions and archives live ({@code HELPDESK_CDS_DIR}, default
 *                    {@code <dataDir>/cds}); stacks with fresh data directories (the system, browser and fault tests)
 *                    share one, so that the archive the first of them records serves the others
 */
public record StackConfig(
        Path home,
        Path dataDir,
        int dbPort,
        int kafkaPort,
        List<ServiceSpec> services,
        Addresses addresses,
        String jwtSecret,
        List<String> javaOptions,
        boolean demoData,
        List<String> dbPreloadLibraries,
        String tokenIssuer,
        String tokenAudience,
        Mailbox mailbox,
        Path cdsDir) {

    public StackConfig(Path home, Path dataDir, int dbPort, int kafkaPort, List<ServiceSpec> services, String jwtSecret,
                       List<String> javaOptions, boolean demoData) {
        this(home, dataDir, dbPort, kafkaPort, services, Addresses.LOCAL, jwtSecret, javaOptions, demoData, List.of(),
                LOCAL_ISSUER, LOCAL_AUDIENCE, Mailbox.DEFAULT, dataDir.resolve("cds"));
    }

    /** Only the gateway's public port listens where others may reach it; everything else stays on this machine. */
    public static final String LOOPBACK = "127.0.0.1";

    /** The well-known demo secret; the local stack only. Production uses an OIDC issuer or its own secret. */
    public static final String LOCAL_DEMO_SECRET = "local-helpdesk-demo-secret-change-me-0123456789";

    /** The {@code iss} of the local stack's tokens unless {@code HELPDESK_SECURITY_ISSUER} says otherwise. */
    public static final String LOCAL_ISSUER = "helpdesk-local-stack";

    /** The {@code aud} of the local stack's tokens unless {@code HELPDESK_SECURITY_AUDIENCE} says otherwise. */
    public static final String LOCAL_AUDIENCE = "helpdesk-api";

    /**
     * JVM options of each service unless {@code HELPDESK_JAVA_OPTS} says otherwise: C1 only and the serial collector
     * start faster on 2 cores; a small initial heap keeps the young generation (touched in full before its first
     * collection) from making a hundred MB resident at once (docs/local-stack.md).
     */
    public static final String DEFAULT_JAVA_OPTIONS =
            "-Xms48m -Xmx384m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m";

    public static StackConfig fromEnvironment(Map<String, String> env, boolean demoData) {
        UnaryOperator<String> get = env::get;
        Path home = Path.of(or(get, "HELPDESK_HOME", ".")).toAbsolutePath().normalize();
        Path dataDir = Path.of(or(get, "HELPDESK_DATA_DIR", home.resolve(".helpdesk-data").toString())).toAbsolutePath().normalize();
        StackConfig all = new StackConfig(
                home,
                dataDir,
                port(get, "HELPDESK_DB_PORT", 15432),
                port(get, "HELPDESK_KAFKA_PORT", 19092),
                List.of(
                        service(get, "ticket-service", "HELPDESK_TICKETS_PORT", "TICKET_SERVICE_PORT", 8081, "HELPDESK_TICKETS_MANAGEMENT_PORT", 9081, "tickets"),
                        service(get, "sla-service", "HELPDESK_SLA_PORT", "SLA_SERVICE_PORT", 8082, "HELPDESK_SLA_MANAGEMENT_PORT", 9082, "sla"),
                        service(get, "escalation-service", "HELPDESK_ESCALATIONS_PORT", "ESCALATION_SERVICE_PORT", 8083, "HELPDESK_ESCALATIONS_MANAGEMENT_PORT", 9083, "escalations"),
                        service(get, "budget-service", "HELPDESK_BUDGETS_PORT", "BUDGET_SERVICE_PORT", 8084, "HELPDESK_BUDGETS_MANAGEMENT_PORT", 9084, "budgets"),
                        service(get, "webhook-service", "HELPDESK_WEBHOOKS_PORT", "WEBHOOK_SERVICE_PORT", 8085, "HELPDESK_WEBHOOKS_MANAGEMENT_PORT", 9085, "webhooks"),
                        service(get, "notification-service", "HELPDESK_NOTIFICATIONS_PORT", "NOTIFICATION_SERVICE_PORT", 8086, "HELPDESK_NOTIFICATIONS_MANAGEMENT_PORT", 9086, "notifications"),
                        service(get, "gateway", "HELPDESK_GATEWAY_PORT", "GATEWAY_PORT", 8080, "HELPDESK_GATEWAY_MANAGEMENT_PORT", 9080, "gateway")),
                new Addresses(or(get, "HELPDESK_BIND_ADDRESS", LOOPBACK), or(get, "HELPDESK_MANAGEMENT_ADDRESS", LOOPBACK),
                        or(get, "HELPDESK_GATEWAY_ADDRESS", "")),
                or(get, "HELPDESK_JWT_SECRET", LOCAL_DEMO_SECRET),
                List.of(or(get, "HELPDESK_JAVA_OPTS", DEFAULT_JAVA_OPTIONS).trim().split("\\s+")),
                demoData,
                List.of(or(get, "HELPDESK_DB_PRELOAD_LIBRARIES", "").trim().split("\\s*,\\s*")).stream()
                        .filter(library -> !library.isEmpty()).toList(),
                or(get, "HELPDESK_SECURITY_ISSUER", LOCAL_ISSUER),
                or(get, "HELPDESK_SECURITY_AUDIENCE", LOCAL_AUDIENCE),
                new Mailbox(port(get, "HELPDESK_MAILBOX_SMTP_PORT", Mailbox.DEFAULT.smtpPort()),
                        port(get, "HELPDESK_MAILBOX_PORT", Mailbox.DEFAULT.webPort())),
                Path.of(or(get, "HELPDESK_CDS_DIR", dataDir.resolve("cds").toString())).toAbsolutePath().normalize());
        String only = or(get, "HELPDESK_SERVICES", "");
        return only.isBlank() ? all : all.only(serviceNames(only, all));
    }

    /**
     * {@code HELPDESK_SERVICES}: the services to run, comma separated (the gateway always runs), e.g.
     * {@code ticket-service,sla-service} while working on those two; empty: all of them.
     */
    private static java.util.Set<String> serviceNames(String list, StackConfig all) {
        java.util.Set<String> known = all.services.stream().map(ServiceSpec::name).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : list.trim().split("\\s*,\\s*")) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("HELPDESK_SERVICES names '" + name + "', which is not a service; known: "
                        + all.services.stream().map(ServiceSpec::name).toList());
            }
            names.add(name);
        }
        return names;
    }

    /**
     * One service; its port from {@code portVariable}, or from {@code formerPortVariable} (the name before the
     * {@code HELPDESK_<SERVICE>_*} scheme, still read) when only that one is set.
     */
    private static ServiceSpec service(UnaryOperator<String> env, String name, String portVariable, String formerPortVariable,
                                       int port, String managementPortVariable, int managementPort, String database) {
        String given = env.apply(portVariable);
        int chosen = given == null || given.isBlank() ? port(env, formerPortVariable, port) : port(env, portVariable, port);
        return new ServiceSpec(name, portVariable, chosen, managementPortVariable,
                port(env, managementPortVariable, managementPort), database);
    }

    /**
     * The environment that decides where one process listens (every name is documented in the README): its ports,
     * and the interfaces: {@code HELPDESK_BIND_ADDRESS} for a service's API, {@code HELPDESK_GATEWAY_ADDRESS} for the
     * gateway's public port (unset: every interface), {@code HELPDESK_MANAGEMENT_ADDRESS} for every management port.
     */
    public Map<String, String> listeningEnvironment(ServiceSpec spec) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put(spec.portVariable(), Integer.toString(spec.port()));
        env.put(spec.managementPortVariable(), Integer.toString(spec.managementPort()));
        env.put("HELPDESK_MANAGEMENT_ADDRESS", addresses.management());
        if (spec.isGateway()) {
            env.put("HELPDESK_GATEWAY_ADDRESS", addresses.gateway());
        } else {
            env.put("HELPDESK_BIND_ADDRESS", addresses.services());
        }
        return env;
    }

    /** The address of a service's API, e.g. {@code http://127.0.0.1:8081}; the gateway's public address for it. */
    public String url(ServiceSpec spec) {
        return "http://" + Addresses.host(spec.isGateway() ? addresses.gateway() : addresses.services()) + ":" + spec.port();
    }

    /** The address of a process's management port (actuator: health, prometheus). */
    public String managementUrl(ServiceSpec spec) {
        return "http://" + Addresses.host(addresses.management()) + ":" + spec.managementPort();
    }

    /**
     * The same stack with only the named processes (and the gateway), e.g. without the webhook- and
     * notification-service for a test that needs neither; the gateway keeps its default address for the ones left out.
     */
    public StackConfig only(java.util.Set<String> names) {
        List<ServiceSpec> kept = services.stream().filter(s -> s.isGateway() || names.contains(s.name())).toList();
        return new StackConfig(home, dataDir, dbPort, kafkaPort, kept, addresses, jwtSecret, javaOptions, demoData,
                dbPreloadLibraries, tokenIssuer, tokenAudience, mailbox, cdsDir);
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

    /**
     * The gateway's variable for where it routes to a service: {@code HELPDESK_GATEWAY_TICKETS_URL} for the service
     * whose port is {@code HELPDESK_TICKETS_PORT}.
     */
    public static String gatewayRouteVariable(ServiceSpec service) {
        if (service.isGateway()) {
            throw new IllegalArgumentException("no gateway route for " + service.name());
        }
        return "HELPDESK_GATEWAY_" + prefixOf(service) + "_URL";
    }

    /** How many database connections a service keeps while idle: {@code HELPDESK_TICKETS_DB_POOL_MIN_IDLE} and so on. */
    public static String minimumIdleVariable(ServiceSpec service) {
        if (service.isGateway()) {
            throw new IllegalArgumentException("the gateway's pool has no such variable");
        }
        return "HELPDESK_" + prefixOf(service) + "_DB_POOL_MIN_IDLE";
    }

    /** {@code TICKETS} for the service whose port is {@code HELPDESK_TICKETS_PORT}. */
    private static String prefixOf(ServiceSpec service) {
        String port = service.portVariable();
        if (!port.startsWith("HELPDESK_") || !port.endsWith("_PORT")) {
            throw new IllegalArgumentException(service.name() + "'s port variable " + port + " is outside the scheme");
        }
        return port.substring("HELPDESK_".length(), port.length() - "_PORT".length());
    }

    /**
     * One service process: its module name, the variable naming its port, the port, the variable naming its
     * management port, that port, its database (the gateway's holds the rate-limit buckets its instances share).
     */
    public record ServiceSpec(String name, String portVariable, int port, String managementPortVariable,
                              int managementPort, String database) {

        public boolean isGateway() {
            return name.equals("gateway");
        }
    }

    /**
     * The local mailbox ({@link LocalMailbox}), both on 127.0.0.1: the SMTP server the notification-service sends to
     * ({@code HELPDESK_MAILBOX_SMTP_PORT}, default 3025) and the page listing what it received
     * ({@code HELPDESK_MAILBOX_PORT}, default 8025).
     */
    public record Mailbox(int smtpPort, int webPort) {

        static final Mailbox DEFAULT = new Mailbox(3025, 8025);
    }

    /**
     * Interfaces to listen on: the services' APIs ({@code HELPDESK_BIND_ADDRESS}, default {@value #LOOPBACK}),
     * every management port ({@code HELPDESK_MANAGEMENT_ADDRESS}, default {@value #LOOPBACK}) and the gateway's
     * public port ({@code HELPDESK_GATEWAY_ADDRESS}; empty: every interface, so a portal on another machine reaches it).
     */
    public record Addresses(String services, String management, String gateway) {

        static final Addresses LOCAL = new Addresses(LOOPBACK, LOOPBACK, "");

        /** The host to call a process on: itself when it listens on one interface, this machine when on all. */
        static String host(String address) {
            if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
                return "localhost";
            }
            return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        }
    }
}
