package dev.helpdesk.events;

import dev.helpdesk.events.golden.GoldenEvents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The records are the golden JSON: a renamed, added or dropped field fails here before any consumer sees it. */
class GoldenJsonTest {

    @Test
    void everyTypeHasAGoldenFileAndEveryGoldenFileAType() {
        assertThat(GoldenEvents.typesIn(GoldenEvents.DIRECTORY)).isEqualTo(EventTypes.all().keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyRecordReadsAndWritesItsGoldenJson() {
        return GoldenEvents.contract(EventTypes.all());
    }
}
