package dev.helpdesk.escalations.outbox;

import dev.helpdesk.events.escalation.EscalationAcknowledgedEvent;
import dev.helpdesk.events.escalation.EscalationClosedEvent;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.testsupport.ServiceJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service writes to its outbox has the shape of escalation-events' golden JSON, type by type. */
class PublishedEscalationsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:00.123Z");

    private final RecordingJdbc jdbc = new RecordingJdbc();
    private final Outbox outbox = new Outbox(jdbc, ServiceJson.objectMapper());

    @Test
    void everyEscalationEventIsWrittenInTheShapeOfItsGoldenJson() {
        List<Object> events = List.of(
                new EscalationRaisedEvent("e-1", "t-1", "o-1", 1, "Support services manager", "SLA_BREACH", NOW,
                        NOW.plusSeconds(3600)),
                new EscalationAcknowledgedEvent("e-1", "t-1", "o-1", 1, "manager-7", "On it", NOW),
                new EscalationClosedEvent("e-1", "t-1", "o-1", 1, "SUPERSEDED", NOW));
        assertThat(events).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(EscalationEventTypes.all().values());

        for (Object event : events) {
            String type = EscalationEventTypes.typeOf(event.getClass()).orElseThrow();
            outbox.append("t-1", type, event, "system", NOW);
            GoldenEvents.assertSameShape(type, GoldenEvents.tree(jdbc.payload), GoldenEvents.envelope(type));
        }
    }

    /** Answers the outbox's sequence queries with 7 and keeps the payload of its insert instead of running it. */
    private static final class RecordingJdbc extends JdbcTemplate {
        private String payload;

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            return requiredType.cast(7L);
        }

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType) {
            return requiredType.cast(7L);
        }

        @Override
        public int update(String sql, Object... args) {
            payload = (String) args[3];
            return 1;
        }
    }
}
