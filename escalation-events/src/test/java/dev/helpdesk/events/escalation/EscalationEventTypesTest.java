package dev.helpdesk.events.escalation;

import dev.helpdesk.events.Topics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The published language stays well-formed: versioned type names, immutable past-tense records, stream ids. */
class EscalationEventTypesTest {

    private static final Pattern TYPE_NAME = Pattern.compile("helpdesk\\.escalation\\.[a-z-]+\\.v\\d+");

    @Test
    void everyTypeIsAVersionedNameOfAPastTenseRecord() {
        assertThat(EscalationEventTypes.all()).hasSize(3);
        EscalationEventTypes.all().forEach((type, eventClass) -> {
            assertThat(type).matches(TYPE_NAME);
            assertThat(eventClass.isRecord()).as(eventClass + " is a record").isTrue();
            assertThat(eventClass.getSimpleName()).startsWith("Escalation").endsWith("Event");
            assertThat(EscalationEventTypes.typeOf(eventClass)).contains(type);
            assertThat(EscalationEventTypes.classOf(type)).contains(eventClass);
        });
    }

    @Test
    void everyEventCarriesTheIdOfItsStream() {
        EscalationEventTypes.all().values().forEach(eventClass -> assertThat(Arrays.stream(eventClass.getRecordComponents())
                .map(RecordComponent::getName)).as(eventClass.getSimpleName()).contains("ticketId"));
    }

    @Test
    void anUnknownTypeIsNotMistakenForAKnownOne() {
        assertThat(EscalationEventTypes.classOf("helpdesk.escalation.unknown.v1")).isEmpty();
        assertThat(EscalationEventTypes.typeOf(String.class)).isEmpty();
    }

    @Test
    void publishesToItsVersionedTopic() {
        assertThat(EscalationEventTypes.TOPIC).isEqualTo("helpdesk.escalations.v1").isEqualTo(Topics.ESCALATIONS);
    }
}
