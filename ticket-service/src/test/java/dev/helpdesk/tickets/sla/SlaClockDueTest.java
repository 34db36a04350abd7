package dev.helpdesk.tickets.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the sla-events golden JSON (the published language's own examples). */
class SlaClockDueTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void aStartedClockCountsTowardsItsDueTime() throws Exception {
        SlaClockDue due = SlaClockDue.of(golden("helpdesk.sla.clock-started.v1"));
        assertThat(due).isEqualTo(new SlaClockDue("3d0c6a35-98a4-4b7e-9a0e-0c1b9d1f5e21", "FIRST_RESPONSE",
                Instant.parse("2026-11-23T10:00:00Z"), 0));
    }

    @Test
    void resumedWarnedAndBreachedClocksKeepTheirDueTimeAndPausedOrMetOnesHaveNone() throws Exception {
        assertThat(SlaClockDue.of(golden("helpdesk.sla.clock-resumed.v1")).dueAt()).isNotNull();
        assertThat(SlaClockDue.of(golden("helpdesk.sla.warning-reached.v1")).dueAt()).isNotNull();
        assertThat(SlaClockDue.of(golden("helpdesk.sla.clock-paused.v1")).dueAt()).isNull();
        assertThat(SlaClockDue.of(golden("helpdesk.sla.met.v1")).dueAt()).isNull();
        assertThat(SlaClockDue.of(golden("helpdesk.sla.breached.v1")).dueAt()).as("the missed target: sorts first")
                .isEqualTo(Instant.parse(json.readTree(text("helpdesk.sla.breached.v1")).at("/data/dueAt").asText()));
    }

    @Test
    void anExemptedClockHasNoDueTimeAhead() throws Exception {
        assertThat(SlaClockDue.concerns("helpdesk.sla.clock-exempted.v1")).isTrue();
        SlaClockDue exempted = SlaClockDue.of(golden("helpdesk.sla.clock-exempted.v1"));
        assertThat(exempted.metric()).isEqualTo("RESOLUTION");
        assertThat(exempted.dueAt()).isNull();
    }

    @Test
    void settingsEventsAreNotAboutClocks() {
        assertThat(SlaClockDue.concerns("helpdesk.sla.policy-changed.v1")).isFalse();
        assertThat(SlaClockDue.concerns("helpdesk.sla.clock-started.v1")).isTrue();
    }

    @Test
    void anEventWithoutTicketOrDueTimeIsRefused() throws Exception {
        String started = text("helpdesk.sla.clock-started.v1");
        assertThatThrownBy(() -> SlaClockDue.of(ReceivedEvents.read(json, started.replace("\"dueAt\"", "\"due\""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dueAt");
        assertThatThrownBy(() -> SlaClockDue.of(ReceivedEvents.read(json, started.replace("\"ticketId\"", "\"ticket\""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticketId");
    }

    private ReceivedEvent golden(String type) throws Exception {
        return ReceivedEvents.read(json, text(type));
    }

    private static String text(String type) throws Exception {
        try (InputStream in = SlaClockDueTest.class.getResourceAsStream("/golden/" + type + ".json")) {
            assertThat(in).as(type).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
