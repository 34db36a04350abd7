package dev.helpdesk.localstack;

import dev.helpdesk.edge.launcher.LauncherWatch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs the whole helpdesk on this machine: {@code ./run-local.sh [--fresh] [--no-demo]}.
 * Also the entry point of the Kafka child processes it starts ({@code kafka-broker}, {@code kafka-storage}).
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("kafka-broker") || args[0].equals("kafka-storage"))) {
            LauncherWatch.exitWhenStandardInputCloses(); // the launcher starts these two only
        }
        if (args.length > 0 && args[0].equals("kafka-broker")) {
            kafka.Kafka.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("kafka-storage")) {
            kafka.tools.StorageTool.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Set<String> flags = Set.of(args);
        if (flags.contains("--help") || !Set.of("--fresh", "--no-demo").containsAll(flags)) {
            System.out.println("usage: ./run-local.sh [--fresh] [--no-demo]\n"
                    + "  --fresh    delete the local data (PostgreSQL, Kafka, demo data) first\n"
                    + "  --no-demo  do not create the demo organisation and tickets");
            System.exit(flags.contains("--help") ? 0 : 2);
        }
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), !flags.contains("--no-demo"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (flags.contains("--fresh")) {
            deleteRecursively(config.dataDir());
            System.out.println("Deleted local data in " + config.dataDir());
        }
        run(config);
    }

    private static void run(StackConfig config) throws Exception {
        long started = System.nanoTime();
        DemoTokens tokens = new DemoTokens(config.jwtSecret(), config.tokenIssuer(), config.tokenAudience(), Duration.ofHours(12));
        DemoSignIn signIn = DemoSignIn.start(tokens, Duration.ofHours(12));
        Stack stack = Stack.prepare(config, System.out::println, signIn.gatewayEnvironment());
        // Registered before anything starts: Ctrl-C (or SIGTERM) at any moment of start-up stops what has started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping every process the local stack started...");
            stack.close();
            signIn.close();
            System.out.println("Stopped.");
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Stack.StackStoppedException e) {
            return; // Ctrl-C during start-up: the shutdown hook stops what started
        } catch (Exception e) {
            System.err.println("\nThe helpdesk could not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        String organizationId = null;
        if (config.demoData()) {
            try {
                organizationId = new DemoData(stack.gatewayUrl(), tokens, config.dataDir()).ensure();
                signIn.contactOrganization(organizationId);
            } catch (Exception e) {
                System.out.println("Demo data could not be created (" + e.getMessage() + "); the system runs without it.");
            }
        }
        printSummary(stack, tokens, organizationId, Duration.ofNanos(System.nanoTime() - started));
        String reason = stack.firstUnexpectedExit().get();
        System.err.println("\n" + reason + "\nStopping the local stack.");
        System.exit(1);
    }

    private static void printSummary(Stack stack, DemoTokens tokens, String organizationId, Duration startup) {
        StackConfig config = stack.config();
        String gateway = stack.gatewayUrl();
        StringBuilder text = new StringBuilder();
        text.append("\n==== helpdesk is ready in ").append(startup.toSeconds()).append(" s ====\n")
                .append("Portal (in a browser)     ").append(gateway).append("/  (sign in as a demo user)\n")
                .append("Gateway (the public API)  ").append(gateway).append('\n')
                .append("API docs (Swagger UI)     ").append(gateway).append("/swagger-ui.html\n")
                .append("Health                    ").append(gateway).append("/actuator/health\n")
                .append("Mailbox (mails sent)      ").append(stack.mailboxUrl()).append("  (this machine only)\n")
                .append("Metrics (this machine)    ");
        config.services().forEach(s -> text.append(stack.managementUrl(s.name())).append("/actuator/prometheus "));
        text.append("\nLogs                      ").append(config.logDir()).append('\n')
                .append("Data (kept between runs)  ").append(config.dataDir()).append("  (start fresh with --fresh)\n")
                .append("\nDemo tokens (HS256, valid 12 h):\n");
        text.append("  admin    ").append(tokens.token("demo-admin", List.of("admin"), null)).append('\n');
        text.append("  manager  ").append(tokens.token("demo-manager", List.of("manager", "agent"), null)).append('\n');
        text.append("  agent    ").append(tokens.token("demo-agent", List.of("agent"), null)).append('\n');
        text.append("  analyst  ").append(tokens.token("demo-analyst", List.of("analyst"), null)).append('\n');
        if (organizationId != null) {
            text.append("  contact  ").append(tokens.token(DemoData.CONTACT, List.of("contact"), organizationId))
                    .append("   (").append(DemoData.CONTACT).append(" of demo organisation ").append(organizationId).append(")\n");
            text.append("\nTry:  curl -H \"Authorization: Bearer <contact token>\" ").append(gateway).append("/api/tickets\n");
        }
        text.append("\nPress Ctrl-C to stop everything.\n");
        System.out.println(text);
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
