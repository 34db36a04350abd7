package dev.helpdesk.systemtests;

import dev.helpdesk.localstack.DemoTokens;
import dev.helpdesk.localstack.Stack;
import dev.helpdesk.localstack.StackConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the whole system once for all system tests, exactly as {@code ./run-local.sh} does (embedded PostgreSQL,
 * a KRaft Kafka broker, the local mailbox, the seven service jars as separate processes) on free ports and a fresh data directory,
 * and stops every process at the end of the run. Every service exports its spans over OTLP to a receiver the run
 * holds ({@link #spans()}).
 */
public final class RunningSystem implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final String SECRET = "system-test-secret-0123456789-0123456789-abcdef";
    private static Stack stack;
    private static DemoTokens tokens;
    private static OtlpReceiver spans;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack != null) {
            return;
        }
        Path dataDir = Files.createTempDirectory("helpdesk-system-test");
        Map<String, String> env = new HashMap<>();
        env.put("HELPDESK_HOME", Path.of("..").toAbsolutePath().normalize().toString());
        env.put("HELPDESK_DATA_DIR", dataDir.toString());
        env.put("HELPDESK_JWT_SECRET", SECRET);
        env.put("HELPDESK_DB_PORT", Integer.toString(freePort()));
        int kafka = freePortPair();
        env.put("HELPDESK_KAFKA_PORT", Integer.toString(kafka));
        for (String variable : new String[] {"TICKET_SERVICE_PORT", "SLA_SERVICE_PORT", "ESCALATION_SERVICE_PORT",
                "BUDGET_SERVICE_PORT", "WEBHOOK_SERVICE_PORT", "GATEWAY_PORT", "HELPDESK_TICKETS_MANAGEMENT_PORT",
                "HELPDESK_SLA_MANAGEMENT_PORT", "HELPDESK_ESCALATIONS_MANAGEMENT_PORT", "HELPDESK_BUDGETS_MANAGEMENT_PORT",
                "HELPDESK_WEBHOOKS_MANAGEMENT_PORT", "HELPDESK_GATEWAY_MANAGEMENT_PORT",
                "NOTIFICATION_SERVICE_PORT", "HELPDESK_NOTIFICATIONS_MANAGEMENT_PORT", "HELPDESK_MAILBOX_SMTP_PORT",
                "HELPDESK_MAILBOX_PORT"}) {
            env.put(variable, Integer.toString(freePort()));
        }
        // Every service exports its spans to a receiver of the test's own (docs/observability.md).
        spans = OtlpReceiver.start();
        env.put("HELPDESK_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -Dmanagement.otlp.tracing.export.enabled=true -Dmanagement.otlp.tracing.endpoint=" + spans.endpoint()
                + " -Dmanagement.tracing.sampling.probability=1.0"
                // each applied event's line with its correlation id is DEBUG (docs/event-pipeline.md): on here, as an
                // operator turns it on to follow a request into a consumer's log
                + " -Dlogging.level.dev.helpdesk.pipeline.inbound.InboundPipeline=DEBUG"
                // the auto-close loop looks for timers every 2 s (AutoCloseStoriesTest moves one's due time)
                + " -Dhelpdesk.tickets.auto-close.fallback-interval=PT2S");
        stack = Stack.start(StackConfig.fromEnvironment(env, false), line -> System.out.println("[system] " + line));
        tokens = new DemoTokens(SECRET, Duration.ofHours(2));
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSystem.class.getName(), this);
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        if (spans != null) {
            spans.close();
            spans = null;
        }
    }

    static OtlpReceiver spans() {
        return spans;
    }

    static Stack stack() {
        return stack;
    }

    static DemoTokens tokens() {
        return tokens;
    }

    static Api api() {
        return new Api(stack.gatewayUrl());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A free port whose successor is free too (Kafka's controller listens on the next port). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("No two consecutive free ports found");
    }
}
