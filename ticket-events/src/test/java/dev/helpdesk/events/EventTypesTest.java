package dev.helpdesk.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The published language stays well-formed: versioned type names, immutable records, stable JSON. */
class EventTypesTest {

    private static final Pattern TYPE_NAME = Pattern.compile("helpdesk\\.(ticket|organization)\\.[a-z-]+\\.v\\d+");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyTypeIsAVersionedNameOfAPastTenseRecord() {
        assertThat(EventTypes.all()).hasSize(22);
        EventTypes.all().forEach((type, eventClass) -> {
            assertThat(type).matches(TYPE_NAME);
            assertThat(eventClass.isRecord()).as(eventClass + " is a record").isTrue();
            assertThat(eventClass.getSimpleName()).endsWith("Event");
            assertThat(EventTypes.typeOf(eventClass)).contains(type);
            assertThat(EventTypes.classOf(type)).contains(eventClass);
        });
    }

    @Test
    void everyEventCarriesTheIdOfItsStream() {
        EventTypes.all().values().forEach(eventClass -> {
            RecordComponent first = eventClass.getRecordComponents()[0];
            assertThat(first.getName()).as(eventClass.getSimpleName()).isIn("ticketId", "organizationId");
        });
    }

    @Test
    void anUnknownTypeIsNotMistakenForAKnownOne() {
        assertThat(EventTypes.classOf("helpdesk.ticket.opened.v2")).isEmpty();
    }

    @Test
    void anEnvelopeRoundTripsThroughJson() throws Exception {
        TicketOpenedEvent opened = new TicketOpenedEvent("t-1", "HD-1", "o-1", Plan.STANDARD, CalendarKind.BUSINESS_HOURS,
                "Europe/London", TicketType.INCIDENT, Severity.S2, "Down", "All down", Channel.PORTAL, "BIO-1",
                "s@example.org", "https://academy.example/course/1", "u-1", ActorKind.CONTACT, Instant.parse("2026-11-23T09:00:00Z"));
        EventEnvelope<TicketOpenedEvent> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, "e-1",
                "helpdesk.ticket.opened.v1", "/ticket-service", "t-1", Instant.parse("2026-11-23T09:00:00Z"),
                EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, 42L, "u-1", "c-1", opened);

        String text = json.writeValueAsString(envelope);
        assertThat(json.readTree(text).path("data").path("openedAt").asText()).isEqualTo("2026-11-23T09:00:00Z");
        var back = json.readValue(text, json.getTypeFactory().constructParametricType(EventEnvelope.class, TicketOpenedEvent.class));
        assertThat(back).isEqualTo(envelope);
    }

    @Test
    void severityKnowsWhatAnUpgradeIs() {
        assertThat(Severity.S3.isUpgradeTo(Severity.S1)).isTrue();
        assertThat(Severity.S1.isUpgradeTo(Severity.S3)).isFalse();
        assertThat(Severity.S2.isUpgradeTo(Severity.S2)).isFalse();
    }
}
