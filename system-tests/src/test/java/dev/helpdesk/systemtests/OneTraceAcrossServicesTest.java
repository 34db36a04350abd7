package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.systemtests.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One command through the gateway is one trace: opening a ticket, with the caller's W3C {@code traceparent}, gives
 * spans from the gateway, the ticket service (the request, then, later and on another thread, the publication to
 * Kafka) and the SLA service (applying the event), all in the caller's trace, each service's spans hanging from the
 * previous one's. The spans are what the services export over OTLP to a receiver of the test's own.
 */
@ExtendWith(RunningSystem.class)
class OneTraceAcrossServicesTest {

    private final Scenario scenario = new Scenario();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void openingATicketIsOneTraceFromTheGatewayThroughTicketServiceAndKafkaIntoTheSlaService() throws Exception {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String traceId = hex(16);
        String callerSpanId = hex(8);

        Api.Response opened = scenario.api.send(scenario.api.request("/api/tickets", contact)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                        "organizationId", organizationId, "type", "INCIDENT", "severity", "S2",
                        "title", "Quiz page fails for students", "description", "Students get an error when submitting.",
                        "channel", "PORTAL", "courseId", "CHEM-201", "affectedUserEmail", "student@academy.example"))))
                .build());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

        ReceivedSpan applied = await().atMost(Duration.ofSeconds(60)).until(() -> spans(traceId).stream()
                .filter(span -> span.service().equals("sla-service") && span.kind().equals("SPAN_KIND_CONSUMER"))
                .findFirst(), Optional::isPresent).orElseThrow();
        // Each service exports in batches of its own: wait until the chain from it up to the caller is complete.
        List<ReceivedSpan> chain = await().atMost(Duration.ofSeconds(60)).until(() -> chainUp(applied, traceId),
                spans -> spans.get(spans.size() - 1).parentSpanId().equals(callerSpanId));
        ReceivedSpan root = chain.get(chain.size() - 1);
        assertThat(root.service()).as(describe(chain)).isEqualTo("gateway");
        assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(chain.stream().map(ReceivedSpan::service).distinct().toList()).as(describe(chain))
                .containsExactly("sla-service", "ticket-service", "gateway");
        Map<String, ReceivedSpan> byId = chain.stream().collect(Collectors.toMap(ReceivedSpan::spanId,
                Function.identity(), (a, b) -> a));
        assertThat(applied.name()).isEqualTo("process helpdesk.tickets.v1");
        ReceivedSpan published = byId.get(applied.parentSpanId());
        assertThat(published.service()).isEqualTo("ticket-service");
        assertThat(published.name()).isEqualTo("publish helpdesk.tickets.v1");
        assertThat(published.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(published.attributes()).containsEntry("helpdesk.event.type", "helpdesk.ticket.opened.v1");
        assertThat(chain).as(describe(chain)).anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("ticket-service");
            assertThat(span.kind()).isEqualTo("SPAN_KIND_SERVER");
        });
    }

    /** The span and its ancestors, as far as they were exported, up to the first whose parent is unknown. */
    private static List<ReceivedSpan> chainUp(ReceivedSpan start, String traceId) {
        Map<String, ReceivedSpan> byId = spans(traceId).stream().collect(Collectors.toMap(ReceivedSpan::spanId,
                Function.identity(), (a, b) -> a));
        List<ReceivedSpan> chain = new ArrayList<>();
        for (ReceivedSpan span = start; span != null && chain.size() < 50; span = byId.get(span.parentSpanId())) {
            chain.add(span);
        }
        return chain;
    }

    private static List<ReceivedSpan> spans(String traceId) {
        return RunningSystem.spans().spansOf(traceId);
    }

    private static String describe(List<ReceivedSpan> chain) {
        Map<String, String> lines = new LinkedHashMap<>();
        chain.forEach(span -> lines.put(span.spanId(), span.service() + " " + span.kind() + " '" + span.name()
                + "' parent " + span.parentSpanId()));
        return lines.toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
