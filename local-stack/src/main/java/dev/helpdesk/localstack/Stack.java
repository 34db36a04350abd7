package dev.helpdesk.localstack;

import dev.helpdesk.localstack.StackConfig.ServiceSpec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole system on one machine: embedded PostgreSQL, a KRaft Kafka broker, the local mailbox and the six service
 * processes. {@link #close()} stops everything it started, in reverse order.
 */
public final class Stack implements AutoCloseable {

    /** How long Kafka, and each service, may take to become ready; {@code HELPDESK_READY_TIMEOUT_SECONDS} (local stack only). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("HELPDESK_READY_TIMEOUT_SECONDS", "240").trim()));

    private final StackConfig config;
    private final Consumer<String> out;
    private final Map<String, String> gatewayExtraEnvironment;
    private final List<ManagedProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, ExtraInstance> extraInstances = new java.util.concurrent.ConcurrentHashMap<>();
    /** Instances {@link #addInstance added} before {@link #start()}: launched with the others, awaited with them. */
    private final List<String> instancesToLaunch = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ClassDataSharing classDataSharing;
    /** Spring AOT for the services unless {@code HELPDESK_AOT=false} ({@link AheadOfTime}). */
    private final boolean aheadOfTime =
            !"false".equalsIgnoreCase(System.getenv().getOrDefault("HELPDESK_AOT", "true").trim());
    private final java.util.Set<String> aotNoticeGiven = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object databaseLock = new Object();
    private volatile Database database;
    private volatile CompletableFuture<Void> databaseStart = CompletableFuture.completedFuture(null);
    private volatile ManagedProcess kafka;
    private volatile LocalMailbox mailbox;
    private volatile boolean stopping;

    private Stack(StackConfig config, Consumer<String> out, Map<String, String> gatewayExtraEnvironment) {
        this.config = config;
        this.out = out;
        this.classDataSharing = ClassDataSharing.fromEnvironment(config.cdsDir(), out);
        this.gatewayExtraEnvironment = Map.copyOf(gatewayExtraEnvironment);
    }

    /** Starts everything and returns when every service reports ready; on failure stops what started and throws. */
    public static Stack start(StackConfig config, Consumer<String> out) throws Exception {
        return start(config, out, Map.of());
    }

    /**
     * As {@link #start(StackConfig, Consumer)}, with more environment for the gateway (the portal's demo sign-in:
     * {@link DemoSignIn#gatewayEnvironment()}).
     */
    public static Stack start(StackConfig config, Consumer<String> out, Map<String, String> gatewayExtraEnvironment)
            throws Exception {
        Stack stack = prepare(config, out, gatewayExtraEnvironment);
        stack.start();
        return stack;
    }

    /**
     * A stack that has not started anything yet: {@link #close()} may be called from another thread (a shutdown
     * hook) at any moment of {@link #start()}, and stops whatever has started by then.
     */
    public static Stack prepare(StackConfig config, Consumer<String> out) {
        return prepare(config, out, Map.of());
    }

    /** As {@link #prepare(StackConfig, Consumer)}, with more environment for the gateway. */
    public static Stack prepare(StackConfig config, Consumer<String> out, Map<String, String> gatewayExtraEnvironment) {
        return new Stack(config, out, gatewayExtraEnvironment);
    }

    /** Starts everything and returns when every service reports ready; on failure stops what started and throws. */
    public void start() throws Exception {
        try {
            startAll();
        } catch (Exception | Error e) {
            boolean stoppedFromOutside = stopping;
            close();
            if (stoppedFromOutside && !(e instanceof StackStoppedException)) {
                throw new StackStoppedException(e);
            }
            throw e;
        }
    }

    /** Thrown by {@link #start()} when the stack was closed while starting. */
    public static final class StackStoppedException extends IllegalStateException {
        StackStoppedException(Throwable cause) {
            super("the local stack was stopped while starting", cause);
        }

        StackStoppedException() {
            super("the local stack was stopped while starting");
        }
    }

    private void startAll() throws Exception {
        requireJars();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("HELPDESK_DB_PORT", config.dbPort());
        ports.put("HELPDESK_KAFKA_PORT", config.kafkaPort());
        ports.put("HELPDESK_KAFKA_PORT + 1 (controller)", config.kafkaPort() + 1);
        config.services().forEach(s -> ports.put(s.portVariable(), s.port()));
        config.services().forEach(s -> ports.put(s.managementPortVariable(), s.managementPort()));
        ports.put("HELPDESK_MAILBOX_SMTP_PORT", config.mailbox().smtpPort());
        ports.put("HELPDESK_MAILBOX_PORT", config.mailbox().webPort());
        Ports.requireFree(ports);
        Files.createDirectories(config.logDir());
        startMailbox();

        // PostgreSQL, Kafka and the preparation of the service jars (class data sharing) do not depend on each other.
        out.accept("Starting PostgreSQL on port " + config.dbPort() + " (data in " + config.dataDir().resolve("postgres") + ")"
                + " and Kafka (KRaft) on port " + config.kafkaPort());
        CompletableFuture<Void> postgres = CompletableFuture.runAsync(this::startDatabase, daemonThread("start-postgres"));
        databaseStart = postgres;
        // One jar at a time: on 2 cores, more would only slow PostgreSQL and Kafka down.
        java.util.concurrent.ExecutorService preparing = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "prepare-service-jars");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, CompletableFuture<ClassDataSharing.Launch>> launches = new LinkedHashMap<>();
        for (ServiceSpec spec : config.services()) {
            launches.put(spec.name(), CompletableFuture.supplyAsync(() -> classDataSharing.prepare(spec.name(), jar(spec)), preparing));
        }
        preparing.shutdown();
        try {
            launchKafka();
        } finally {
            awaitQuietly(postgres); // whatever happens to Kafka, the database is adopted (or failed) before we go on
        }
        try {
            postgres.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        for (ServiceSpec spec : config.services()) {
            ensureStarting();
            out.accept("Starting " + spec.name() + " on " + config.url(spec) + ", management " + config.managementUrl(spec)
                    + " (log: " + config.logDir().resolve(spec.name() + ".log") + ")");
            adopt(startService(spec, launches.get(spec.name()).join()));
        }
        for (String name : instancesToLaunch) {
            ensureStarting();
            ServiceSpec spec = extraInstances.get(name).spec();
            out.accept("Starting " + name + " on " + config.url(spec) + ", management " + config.managementUrl(spec)
                    + " (log: " + config.logDir().resolve(name + ".log") + ")");
            adopt(startExtra(name, launches.get(spec.name()).join().withoutRecording()));
        }
        for (ManagedProcess service : services) {
            awaitReady(service, specOf(service.name()));
            out.accept("  " + service.name() + " is ready");
        }
    }

    /** The SMTP server the notification-service sends to, and the page of what it received (in this JVM). */
    private synchronized void startMailbox() throws java.io.IOException {
        ensureStarting();
        mailbox = LocalMailbox.start(config.mailbox().smtpPort(), config.mailbox().webPort());
        out.accept("Local mailbox: SMTP on 127.0.0.1:" + mailbox.smtpPort() + ", received mails at " + mailbox.url());
    }

    /** The page listing the mails the local mailbox received. */
    public String mailboxUrl() {
        return mailbox == null ? null : mailbox.url();
    }

    /** The mails the local mailbox received, newest first ({@link LocalMailbox#mails()}). */
    public List<Map<String, Object>> mails() {
        return mailbox == null ? List.of() : mailbox.mails();
    }

    private void startDatabase() {
        try {
            ensureStarting();
            Database started = Database.start(config.dataDir(), config.dbPort(),
                    config.services().stream().map(ServiceSpec::database).filter(Objects::nonNull).toList(),
                    config.dbPreloadLibraries());
            synchronized (databaseLock) {
                database = started;
                if (stopping) {
                    closeDatabase();
                    throw new StackStoppedException();
                }
            }
        } catch (java.io.IOException | java.sql.SQLException e) {
            throw new IllegalStateException("PostgreSQL could not start: " + e.getMessage(), e);
        }
    }

    private void launchKafka() throws Exception {
        ensureStarting();
        KafkaBroker.format(config);
        ensureStarting();
        ClassDataSharing.Launch sharing = kafkaSharing();
        ensureStarting();
        ManagedProcess broker = KafkaBroker.launch(config, sharing);
        synchronized (this) {
            kafka = broker;
            if (stopping) {
                broker.stop(10);
                throw new StackStoppedException();
            }
        }
        KafkaBroker.awaitReady(config.kafkaBootstrap(), broker, READY_TIMEOUT);
        broker.ready();
    }

    /**
     * Class data sharing for the broker too, when this launcher runs from its executable jar (a class path of
     * directories, as in the tests, cannot be archived): about half of the broker's start is loading classes.
     */
    private ClassDataSharing.Launch kafkaSharing() {
        java.nio.file.Path launcherJar = JavaCommand.executableJar();
        return launcherJar == null ? null : classDataSharing.prepare("kafka", launcherJar);
    }

    /** Records a started service so that {@link #close()} stops it; stops it at once when the stack is stopping. */
    private synchronized void adopt(ManagedProcess service) {
        services.add(service);
        if (stopping) {
            service.stop(10);
            throw new StackStoppedException();
        }
    }

    private void ensureStarting() {
        if (stopping) {
            throw new StackStoppedException();
        }
    }

    private static java.util.concurrent.Executor daemonThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (RuntimeException ignored) {
            // reported by the caller's own join
        }
    }

    private void requireJars() {
        for (ServiceSpec spec : config.services()) {
            if (!Files.isRegularFile(jar(spec))) {
                throw new IllegalStateException("Missing " + jar(spec) + ": build first with ./mvnw -DskipTests package "
                        + "(the run script does this), or set HELPDESK_HOME to the repository root.");
            }
        }
    }

    private Path jar(ServiceSpec spec) {
        return config.home().resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
    }

    /**
     * Starts one service JVM. It exits by itself when this launcher dies ({@code ExitWithLauncher} in service-edge
     * watches the standard input that {@link ManagedProcess} keeps open for it).
     */
    private ManagedProcess startService(ServiceSpec spec, ClassDataSharing.Launch launch) throws Exception {
        Map<String, String> env = environmentOf(spec);
        return ManagedProcess.start(spec.name(), serviceCommand(spec, launch, env), env, config.logDir().resolve(spec.name() + ".log"))
                .onGracefulStop(launch::archiveWritten, launch.recording() == null ? 0 : ClassDataSharing.DUMP_GRACE_SECONDS);
    }

    /** {@code java <options> -jar <jar>} for one service JVM, with Spring AOT where it is safe ({@link AheadOfTime}). */
    private List<String> serviceCommand(ServiceSpec spec, ClassDataSharing.Launch launch, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaExecutable());
        command.addAll(config.javaOptions());
        command.add("-D" + JavaCommand.EXIT_WITH_LAUNCHER + "=true");
        if (aheadOfTime && AheadOfTime.built(jar(spec))) {
            Map<String, String> inherited = new LinkedHashMap<>(System.getenv());
            inherited.putAll(env);
            java.util.Optional<String> overridden = AheadOfTime.overriddenBy(config.javaOptions(), inherited);
            if (overridden.isEmpty()) {
                command.add(AheadOfTime.ENABLED_OPTION);
            } else if (aotNoticeGiven.add(spec.name())) {
                out.accept("  " + spec.name() + " starts without Spring AOT: " + overridden.get()
                        + " decides which beans exist, which AOT fixes when the jar is built");
            }
        }
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        return command;
    }

    /** Environment of one service process; every name here is documented in the README. */
    Map<String, String> environmentOf(ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>(config.listeningEnvironment(spec));
        env.put("HELPDESK_KAFKA_BOOTSTRAP", config.kafkaBootstrap());
        env.put("HELPDESK_JWT_SECRET", config.jwtSecret());
        env.put("HELPDESK_SECURITY_ALLOW_LOCAL_SECRET", "true");
        env.put("HELPDESK_SECURITY_ISSUER", config.tokenIssuer());
        env.put("HELPDESK_SECURITY_AUDIENCE", config.tokenAudience());
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // every service checks the token again: an issuer given to the gateway here is trusted by each of them too
        String issuer = gatewayExtraEnvironment.get("HELPDESK_OIDC_ISSUER_URI");
        if (issuer != null) {
            env.put("HELPDESK_OIDC_ISSUER_URI", issuer);
        }
        if (spec.isGateway()) {
            // a stack of fewer services (StackConfig#only) leaves the gateway's default for the ones it lacks
            for (ServiceSpec routed : config.services()) {
                if (!routed.isGateway()) {
                    env.put(StackConfig.gatewayRouteVariable(routed), config.url(routed));
                }
            }
            env.putAll(gatewayExtraEnvironment);
            if (spec.database() != null) {
                env.put("HELPDESK_GATEWAY_DB_URL", database.jdbcUrl(spec.database()));
                env.put("HELPDESK_GATEWAY_DB_USER", "postgres");
                env.put("HELPDESK_GATEWAY_DB_PASSWORD", "postgres");
            }
        } else if (spec.database() != null) {
            if (spec.name().equals("notification-service")) {
                env.putAll(mailEnvironment());
            }
            if (spec.name().equals("webhook-service")) {
                // a local stack may send webhooks to a receiver on this machine (docs/webhooks.md, "SSRF rule")
                env.put("HELPDESK_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
                env.put("HELPDESK_WEBHOOKS_ALLOW_HTTP", "true");
            }
            env.put("SPRING_DATASOURCE_URL", database.jdbcUrl(spec.database()));
            env.put("SPRING_DATASOURCE_USERNAME", "postgres");
            env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
            // one machine: each service keeps one idle connection (a PostgreSQL process each) instead of its
            // default (2, the ticket-service 4), and opens more on demand; unless the environment says otherwise
            String minimumIdle = StackConfig.minimumIdleVariable(spec);
            if (System.getenv(minimumIdle) == null) {
                env.put(minimumIdle, "1");
            }
        }
        return env;
    }

    /**
     * Where the notification-service sends its mails (the local mailbox), and the demo staff's addresses (the events
     * name staff by user id only; the same addresses their demo tokens carry).
     */
    private Map<String, String> mailEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HELPDESK_SMTP_HOST", mailbox.smtpHost());
        env.put("HELPDESK_SMTP_PORT", Integer.toString(mailbox.smtpPort()));
        env.put("HELPDESK_NOTIFICATIONS_FROM", "Helpdesk <helpdesk@localhost>");
        env.put("HELPDESK_NOTIFICATIONS_STAFF_ADDRESSES", "demo-agent=demo-agent@example.org,"
                + "demo-manager=demo-manager@example.org,demo-admin=demo-admin@example.org");
        return env;
    }

    /**
     * Waits for readiness on the management port; also on the main port, where jars built before the management port
     * existed (a benchmark's baseline) answer it. A current build answers 404 there, never 200.
     */
    private void awaitReady(ManagedProcess service, ServiceSpec spec) throws InterruptedException {
        List<URI> readiness = List.of(URI.create(config.managementUrl(spec) + "/actuator/health/readiness"),
                URI.create(config.url(spec) + "/actuator/health/readiness"));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                ensureStarting();
                throw new IllegalStateException(service.name() + " exited during start (code " + service.exitValue()
                        + "), last lines of " + service.logFile() + ":\n" + service.logTail(30));
            }
            for (URI uri : readiness) {
                if (answersOk(uri)) {
                    service.ready();
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + READY_TIMEOUT.toSeconds() + " s, see " + service.logFile());
    }

    private boolean answersOk(URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException notYet) {
            return false; // not listening yet
        }
    }

    /** Completes when any service or the broker exits while the stack was not asked to stop. */
    public java.util.concurrent.CompletableFuture<String> firstUnexpectedExit() {
        List<ManagedProcess> all = new ArrayList<>(services);
        all.add(kafka);
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        for (ManagedProcess process : all) {
            process.onExit().thenRun(() -> {
                if (!stopping) {
                    first.complete(process.name() + " exited with code " + process.exitValue() + "; last lines of "
                            + process.logFile() + ":\n" + process.logTail(30));
                }
            });
        }
        return first;
    }

    public StackConfig config() {
        return config;
    }

    public String gatewayUrl() {
        return config.url(config.gateway());
    }

    /** A service's API, on the loopback interface unless {@code HELPDESK_BIND_ADDRESS} says otherwise. */
    public String serviceUrl(String name) {
        return config.url(config.service(name));
    }

    /** A process's management port: {@code /actuator/health}, {@code /actuator/prometheus}. */
    public String managementUrl(String name) {
        return config.managementUrl(config.service(name));
    }

    /** Process ids of the services and the Kafka broker (PostgreSQL runs its own process tree). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach(p -> pids.put(p.name(), p.pid()));
        if (kafka != null) {
            pids.put("kafka", kafka.pid());
        }
        return pids;
    }

    /** JDBC URL of a database on the stack's PostgreSQL (user postgres), e.g. for benchmarks' baselines. */
    public String jdbcUrl(String database) {
        return this.database.jdbcUrl(database);
    }

    public Path logFile(String name) {
        return config.logDir().resolve(name + ".log");
    }

    /** Kills a service as a crash would (kill -9). */
    public void kill(String name) throws InterruptedException {
        ManagedProcess process = process(name);
        process.kill();
    }

    /** Starts a killed or stopped service again and waits until it is ready. */
    public void restart(String name) throws Exception {
        ManagedProcess old = process(name);
        old.stop(20);
        ServiceSpec spec = config.service(name);
        ManagedProcess fresh = startService(spec, classDataSharing.prepare(name, jar(spec)));
        services.set(services.indexOf(old), fresh);
        awaitReady(fresh, spec);
    }

    private ManagedProcess process(String name) {
        return services.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    /**
     * One more instance of a service (or the gateway) on free ports, sharing the stack's PostgreSQL and broker, with
     * {@code environment} on top of the usual one (for a second gateway: the {@code HELPDESK_GATEWAY_<SERVICE>_URL}s
     * it routes to). Its log is {@code <name>-<n>.log}; {@link #kill}, {@link #restartInstance} and {@link #close}
     * know it by its name. Returns once it reports ready.
     */
    public Instance startInstance(String service, Map<String, String> environment) throws Exception {
        String name = reserveInstance(service, environment);
        ManagedProcess process = startExtra(name, launchOf(service));
        synchronized (services) {
            services.add(process);
        }
        awaitReady(process, extraInstances.get(name).spec());
        return instance(name);
    }

    /**
     * As {@link #startInstance}, but before {@link #start()}: the instance is launched together with the stack's own
     * processes (after them, in the order added) and {@link #start()} returns once it is ready too, so a fleet of
     * several instances starts at once instead of in two waves. Returns where it will listen.
     */
    public Instance addInstance(String service, Map<String, String> environment) {
        if (!services.isEmpty()) {
            throw new IllegalStateException("addInstance is for a stack not started yet; use startInstance");
        }
        String name = reserveInstance(service, environment);
        instancesToLaunch.add(name);
        return instance(name);
    }

    private String reserveInstance(String service, Map<String, String> environment) {
        ServiceSpec base = config.service(service);
        synchronized (services) {
            int n = 2;
            while (instanceNamed(service + "-" + n)) {
                n++;
            }
            String name = service + "-" + n;
            int port = portNotInUse();
            extraInstances.put(name, new ExtraInstance(new ServiceSpec(base.name(), base.portVariable(), port,
                    base.managementPortVariable(), portNotInUse(port), base.database()), Map.copyOf(environment)));
            return name;
        }
    }

    /**
     * A free port that none of the stack's processes is configured to use: each probe releases its port, so the OS
     * may hand out one a process of this stack has not bound yet (seen in CI: a second instance's management port was
     * the budget-service's).
     */
    private int portNotInUse(int... alsoTaken) {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        taken.add(config.dbPort());
        taken.add(config.kafkaPort());
        taken.add(config.kafkaPort() + 1);
        taken.add(config.mailbox().smtpPort());
        taken.add(config.mailbox().webPort());
        java.util.stream.Stream.concat(config.services().stream(), extraInstances.values().stream().map(ExtraInstance::spec))
                .forEach(spec -> {
                    taken.add(spec.port());
                    taken.add(spec.managementPort());
                });
        for (int port : alsoTaken) {
            taken.add(port);
        }
        return FreePorts.notIn(taken);
    }

    private ServiceSpec specOf(String name) {
        ExtraInstance extra = extraInstances.get(name);
        return extra == null ? config.service(name) : extra.spec();
    }

    /** How a further instance of a service runs: the first instance's extracted jar and archive, never recording one. */
    private ClassDataSharing.Launch launchOf(String service) {
        return classDataSharing.prepare(service, jar(config.service(service))).withoutRecording();
    }

    /** Where an instance started with {@link #startInstance} listens. */
    public Instance instance(String name) {
        ExtraInstance extra = extraInstances.get(name);
        ServiceSpec spec = extra == null ? config.service(name) : extra.spec();
        return new Instance(name, config.url(spec), config.managementUrl(spec));
    }

    /** Starts a killed or stopped process (first instance or one of {@link #startInstance}) again; waits until ready. */
    public void restartInstance(String name) throws Exception {
        ExtraInstance extra = extraInstances.get(name);
        if (extra == null) {
            restart(name);
            return;
        }
        ManagedProcess old = process(name);
        old.stop(20);
        ManagedProcess fresh = startExtra(name, launchOf(extra.spec().name()));
        synchronized (services) {
            services.set(services.indexOf(old), fresh);
        }
        awaitReady(fresh, extra.spec());
    }

    /** The process id of a service instance, to tell that it was not restarted. */
    public long pid(String name) {
        return process(name).pid();
    }

    public boolean isAlive(String name) {
        return process(name).isAlive();
    }

    /** Stops the Kafka broker (SIGTERM, as an operator or an orchestrator would); {@link #startKafka} brings it back. */
    public void stopKafka() {
        kafka.stop(30);
    }

    /** Starts the broker again on the same port and data; returns when it answers. */
    public void startKafka() throws Exception {
        KafkaBroker.format(config);
        ClassDataSharing.Launch sharing = kafkaSharing();
        ManagedProcess broker = KafkaBroker.launch(config, sharing == null ? null : sharing.withoutRecording());
        kafka = broker;
        KafkaBroker.awaitReady(config.kafkaBootstrap(), broker, READY_TIMEOUT);
    }

    /**
     * Cuts one service's database off the stack's PostgreSQL server, as if its own server had stopped: every open
     * connection to it is terminated (the error a server shutdown gives, SQLSTATE 57P01) and new ones are refused
     * until {@link #reconnectDatabase}. The other databases on the server are untouched.
     */
    public void disconnectDatabase(String databaseName) throws java.sql.SQLException {
        database.setConnectionsAllowed(databaseName, false);
    }

    /** Lets connections to a database cut off by {@link #disconnectDatabase} in again. */
    public void reconnectDatabase(String databaseName) throws java.sql.SQLException {
        database.setConnectionsAllowed(databaseName, true);
    }

    private ManagedProcess startExtra(String name, ClassDataSharing.Launch launch) throws Exception {
        ExtraInstance extra = extraInstances.get(name);
        Map<String, String> env = environmentOf(extra.spec());
        env.putAll(extra.environment());
        return ManagedProcess.start(name, serviceCommand(extra.spec(), launch, env), env, config.logDir().resolve(name + ".log"));
    }

    private boolean instanceNamed(String name) {
        return extraInstances.containsKey(name);
    }

    /** A running process of the stack: its name ({@code sla-service}, {@code sla-service-2}), API and management addresses. */
    public record Instance(String name, String url, String managementUrl) {
    }

    private record ExtraInstance(ServiceSpec spec, Map<String, String> environment) {
    }

    /**
     * Stops everything this stack started, in reverse order: the services (SIGTERM, SIGKILL after 20 s), Kafka,
     * PostgreSQL. Safe to call from a shutdown hook while {@link #start()} is still running on another thread, and
     * more than once (a second caller waits until the first has finished).
     */
    @Override
    public void close() {
        stopping = true; // before the lock: a start in progress gives up at its next step
        synchronized (this) {
            stopAll();
        }
    }

    private void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (ManagedProcess service : services) {
            Thread stopper = new Thread(() -> service.stop(20), "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.stop(30);
        }
        try {
            // a database that finishes starting within 10 s is stopped cleanly below (it is the last thing stopped:
            // the services drain against it). One slower than that is left to the watchdog, which stops it when
            // this process exits.
            databaseStart.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception failedOrTooSlow) {
            // nothing to stop, or the watchdog stops it when this process exits
        }
        closeDatabase();
        if (mailbox != null) {
            mailbox.close(); // after the services: the notification-service's last mails still arrive
            mailbox = null;
        }
    }

    private void closeDatabase() {
        synchronized (databaseLock) {
            if (database == null) {
                return;
            }
            try {
                database.close();
            } catch (Exception e) {
                out.accept("Could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }
}
