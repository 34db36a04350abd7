package dev.helpdesk.events.budget;

import dev.helpdesk.events.Topics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The published language stays well-formed: versioned type names, immutable past-tense records, stream ids. */
class BudgetEventTypesTest {

    private static final Pattern TYPE_NAME = Pattern.compile("helpdesk\\.budget\\.[a-z-]+\\.v\\d+");

    @Test
    void everyTypeIsAVersionedNameOfAPastTenseRecord() {
        assertThat(BudgetEventTypes.all()).hasSize(1);
        BudgetEventTypes.all().forEach((type, eventClass) -> {
            assertThat(type).matches(TYPE_NAME);
            assertThat(eventClass.isRecord()).as(eventClass + " is a record").isTrue();
            assertThat(eventClass.getSimpleName()).startsWith("Budget").endsWith("Event");
            assertThat(BudgetEventTypes.typeOf(eventClass)).contains(type);
            assertThat(BudgetEventTypes.classOf(type)).contains(eventClass);
        });
    }

    @Test
    void everyEventCarriesTheIdOfItsStream() {
        BudgetEventTypes.all().values().forEach(eventClass -> assertThat(Arrays.stream(eventClass.getRecordComponents())
                .map(RecordComponent::getName)).as(eventClass.getSimpleName()).contains("organizationId"));
    }

    @Test
    void anUnknownTypeIsNotMistakenForAKnownOne() {
        assertThat(BudgetEventTypes.classOf("helpdesk.budget.unknown.v1")).isEmpty();
        assertThat(BudgetEventTypes.typeOf(String.class)).isEmpty();
    }

    @Test
    void publishesToItsVersionedTopic() {
        assertThat(BudgetEventTypes.TOPIC).isEqualTo("helpdesk.budgets.v1").isEqualTo(Topics.BUDGETS);
    }
}
