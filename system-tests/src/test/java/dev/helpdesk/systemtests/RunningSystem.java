package dev.helpdesk.systemtests;

import dev.helpdesk.localstack.DemoTokens;
import dev.helpdesk.localstack.FreePorts;
import dev.helpdesk.localstack.Stack;
import dev.helpdesk.localstack.StackConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
        // one class-data-sharing directory for the system, browser and fault tests: this stack records the archives
        // when it stops, the later ones start from them (docs/local-stack.md)
        env.put("HELPDESK_CDS_DIR", Path.of("..", "target", "test-cds").toAbsolutePath().normalize().toString());
        env.put("HELPDESK_JWT_SECRET", SECRET);
        env.putAll(FreePorts.environment());
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
}
