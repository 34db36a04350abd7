package dev.helpdesk.events.sla;

import dev.helpdesk.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The published language stays well-formed: versioned type names, immutable past-tense records, stream ids. */
class SlaEventTypesTest {

    private static final Pattern TYPE_NAME = Pattern.compile("helpdesk\\.sla\\.[a-z-]+\\.v\\d+");

    @Test
    void everyTypeIsAVersionedNameOfAPastTenseRecord() {
        assertThat(SlaEventTypes.all()).hasSize(11);
        SlaEventTypes.all().forEach((type, eventClass) -> {
            assertThat(type).matches(TYPE_NAME);
            assertThat(eventClass.isRecord()).as(eventClass + " is a record").isTrue();
            assertThat(eventClass.getSimpleName()).startsWith("Sla").endsWith("Event");
            assertThat(SlaEventTypes.typeOf(eventClass)).contains(type);
            assertThat(SlaEventTypes.classOf(type)).contains(eventClass);
        });
    }

    @Test
    void everyEventCarriesTheIdOfItsStreamFirst() {
        // Clock events belong to a ticket's stream; settings events to the setting's own stream.
        SlaEventTypes.all().values().forEach(eventClass -> assertThat(eventClass.getRecordComponents()[0].getName())
                .as(eventClass.getSimpleName()).isIn("ticketId", "policyId", "calendarId", "organizationId"));
    }

    @Test
    void anUnknownTypeIsNotMistakenForAKnownOne() {
        assertThat(SlaEventTypes.classOf("helpdesk.sla.unknown.v1")).isEmpty();
        assertThat(SlaEventTypes.typeOf(String.class)).isEmpty();
    }

    @Test
    void publishesToItsVersionedTopic() {
        assertThat(SlaEventTypes.TOPIC).isEqualTo("helpdesk.sla.v1").isEqualTo(Topics.SLA);
    }
}
