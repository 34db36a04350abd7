package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.support.TicketEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Poison records on helpdesk.tickets.v1 are set aside with their reason; the good ones around them apply. */
class PoisonRecordTest extends SlaServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /**
     * The listeners that commit by time make that commit on the poll loop's next pass; an idle poll must end within
     * a second so that the last offsets of a burst are committed within about two seconds of it (the interval and one
     * idle poll), not after Spring Kafka's default 5 s poll (BENCHMARKS.md, 7, ninth run: they trailed by 6.2 s).
     */
    @Test
    void listenersCommittingByTimeEndAnIdlePollWithinASecond() {
        List<ContainerProperties> byTime = listeners.getListenerContainers().stream()
                .map(MessageListenerContainer::getContainerProperties)
                .filter(properties -> properties.getAckMode() == ContainerProperties.AckMode.TIME)
                .toList();
        assertThat(byTime).as("listeners committing by time").isNotEmpty();
        assertThat(byTime).allSatisfy(properties -> {
            assertThat(properties.getAckTime()).isEqualTo(1000);
            assertThat(properties.getPollTimeout()).isEqualTo(1000);
        });
    }

    @Test
    void poisonRecordsAreSetAsideAndThePartitionMovesOn() {
        String key = TicketEvents.newId(); // one key: one partition, in this order
        String before = TicketEvents.newId();
        String after = TicketEvents.newId();
        String later = TicketEvents.newId();
        String lacking = TicketEvents.newId();
        String refused = TicketEvents.newId();
        String unknown = TicketEvents.newId();
        Instant now = Instant.now();
        events.sendAllRaw(key, List.of(
                opening(TicketEvents.newId(), before, "org-poison", "\"S2\""),
                "not json at all",
                envelope(lacking, "helpdesk.ticket.opened.v1", "{\"ticketId\":\"" + TicketEvents.newId()
                        + "\",\"organizationId\":\"org-poison\",\"type\":\"INCIDENT\",\"openedAt\":\"" + now + "\"}"),
                opening(refused, TicketEvents.newId(), "org-\\u0000-nul", "\"S2\""),
                envelope(unknown, "helpdesk.ticket.teleported.v1", "{\"ticketId\":\"" + key + "\"}"),
                opening(TicketEvents.newId(), after, "org-poison", "\"S3\"")));

        awaitClock(before, "FIRST_RESPONSE", started());
        awaitClock(after, "FIRST_RESPONSE", started());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter WHERE record_key = ?", Long.class, key) == 3);

        Map<String, Object> notJson = jdbc.queryForMap(
                "SELECT * FROM dead_letter WHERE record_key = ? AND event_id IS NULL", key);
        assertThat(notJson.get("reason")).isEqualTo("value is not JSON");
        assertThat(notJson.get("record_value")).isEqualTo("not json at all");
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letter WHERE event_id = ?", String.class, lacking))
                .isEqualTo("helpdesk.ticket.opened.v1 lacks data.severity");
        Map<String, Object> nul = jdbc.queryForMap("SELECT * FROM dead_letter WHERE event_id = ?", refused);
        assertThat((String) nul.get("reason")).containsAnyOf("0x00", "Zero bytes");
        assertThat(nul.get("attempts")).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE event_id = ?", Long.class, unknown))
                .as("an unknown type is skipped, not set aside").isZero();

        events.opened(later, "org-poison", Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC", TicketType.INCIDENT,
                Severity.S1, Instant.now());
        awaitClock(later, "FIRST_RESPONSE", started());
        assertThat(jdbc.queryForList("SELECT event_id FROM processed_event WHERE event_id IN (?, ?, ?)", String.class,
                lacking, refused, unknown)).isEmpty();
    }

    private static String opening(String eventId, String ticketId, String organizationId, String severity) {
        return envelope(eventId, "helpdesk.ticket.opened.v1", "{\"ticketId\":\"" + ticketId + "\",\"key\":\"HD-7\","
                + "\"organizationId\":\"" + organizationId + "\",\"plan\":\"STANDARD\",\"calendar\":\"BUSINESS_HOURS\","
                + "\"timeZone\":\"UTC\",\"type\":\"INCIDENT\",\"severity\":" + severity + ",\"title\":\"t\","
                + "\"openedAt\":\"" + Instant.now() + "\"}");
    }

    private static String envelope(String id, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"/ticket-service\","
                + "\"time\":\"" + Instant.now() + "\",\"data\":" + data + "}";
    }
}
