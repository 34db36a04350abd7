package dev.helpdesk.escalations.domain;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderTest {

    @Test
    void defaultLadderHasThreeLevelsAndInformsTheRelationshipManagerFromLevelTwo() {
        Ladder ladder = Ladder.defaults(Plan.STANDARD);

        assertThat(ladder.levels()).extracting(LadderLevel::name)
                .containsExactly("Support services manager", "Head of support", "Executive sponsor");
        assertThat(ladder.levels()).extracting(LadderLevel::acknowledgeWithin)
                .containsExactly(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
        assertThat(ladder.levels()).extracting(LadderLevel::informsRelationshipManager).containsExactly(false, true, true);
    }

    @Test
    void dedicatedLevelOneIsTheOrganisationsNamedSupportManager() {
        Ladder dedicated = Ladder.defaults(Plan.DEDICATED);

        assertThat(dedicated.assigneeAt(1, "Dana Scully")).isEqualTo("Dana Scully");
        assertThat(dedicated.displayNameAt(1, "Dana Scully")).isEqualTo("Support services manager (Dana Scully)");
        assertThat(dedicated.assigneeAt(2, "Dana Scully")).isNull();
        assertThat(Ladder.defaults(Plan.EXTENDED).assigneeAt(1, "Dana Scully")).isNull();
        assertThat(dedicated.displayNameAt(1, null)).isEqualTo("Support services manager");
    }

    @Test
    void anotherSupportManagerTakesOverOnlyTheOpenLevelTheNamedManagerTakes() {
        Ladder dedicated = Ladder.defaults(Plan.DEDICATED);

        assertThat(dedicated.reassignedTo(1, EscalationState.OPEN, "Dana Scully", "Fox Mulder")).contains("Fox Mulder");
        assertThat(dedicated.reassignedTo(1, EscalationState.OPEN, null, "Fox Mulder")).as("raised before the registration was read")
                .contains("Fox Mulder");
        assertThat(dedicated.reassignedTo(1, EscalationState.OPEN, "Fox Mulder", "Fox Mulder")).as("already theirs").isEmpty();
        assertThat(dedicated.reassignedTo(1, EscalationState.ACKNOWLEDGED, "Dana Scully", "Fox Mulder")).as("acknowledged: kept").isEmpty();
        assertThat(dedicated.reassignedTo(1, EscalationState.CLOSED, "Dana Scully", "Fox Mulder")).isEmpty();
        assertThat(dedicated.reassignedTo(2, EscalationState.OPEN, null, "Fox Mulder")).as("not a named level").isEmpty();
        assertThat(dedicated.reassignedTo(1, EscalationState.OPEN, "Dana Scully", null)).as("manager removed: kept").isEmpty();
        assertThat(dedicated.reassignedTo(1, EscalationState.OPEN, "Dana Scully", " ")).isEmpty();
        assertThat(Ladder.defaults(Plan.EXTENDED).reassignedTo(1, EscalationState.OPEN, null, "Fox Mulder")).isEmpty();
    }

    @Test
    void rejectsLaddersWithoutExactlyThreeOrderedLevels() {
        assertThat(Ladder.violationsOf(List.of(new LadderLevel(1, "Manager", Duration.ofHours(1), false))))
                .extracting(LadderViolation::field).containsExactly("levels");
        assertThat(Ladder.violationsOf(List.of(
                new LadderLevel(1, "A", Duration.ofHours(1), false),
                new LadderLevel(3, "B", Duration.ofHours(1), true),
                new LadderLevel(2, "C", Duration.ofHours(1), true))))
                .extracting(LadderViolation::field).containsExactly("levels[1].level", "levels[2].level");
    }

    @Test
    void rejectsBlankNamesAndNonPositiveOrHugeAcknowledgementTimes() {
        List<LadderViolation> violations = Ladder.violationsOf(List.of(
                new LadderLevel(1, " ", Duration.ofHours(1), false),
                new LadderLevel(2, "Head of support", Duration.ZERO, true),
                new LadderLevel(3, "Executive sponsor", Duration.ofDays(31), true)));

        assertThat(violations).extracting(LadderViolation::field)
                .containsExactly("levels[0].name", "levels[1].acknowledgeWithin", "levels[2].acknowledgeWithin");
        assertThatThrownBy(() -> new Ladder(Plan.STANDARD, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void businessHoursDeadlineSkipsTheNightAndTheWeekend() {
        WorkingCalendar businessHours = CoverageCalendars.of(CalendarKind.BUSINESS_HOURS, ZoneId.of("Europe/Paris"))::add;
        // Friday 16:30 in Paris (15:30 UTC) plus one business hour: Monday 09:30 in Paris
        Instant friday = Instant.parse("2026-11-20T15:30:00Z");

        assertThat(businessHours.add(friday, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
    }

    @Test
    void roundTheClockDeadlineIsPlainElapsedTime() {
        WorkingCalendar allDay = CoverageCalendars.of(CalendarKind.TWENTY_FOUR_SEVEN, ZoneId.of("Europe/Paris"))::add;
        Instant friday = Instant.parse("2026-11-20T15:30:00Z");

        assertThat(allDay.add(friday, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-20T16:30:00Z"));
    }
}
