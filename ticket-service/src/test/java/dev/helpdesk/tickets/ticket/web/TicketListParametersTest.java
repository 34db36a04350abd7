package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.tickets.ticket.query.TicketSearch;
import dev.helpdesk.tickets.ticket.query.TicketSort;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TicketListParametersTest {

    @Test
    void noParametersListEveryTicketNewestFirst() {
        assertThat(new TicketListParameters(null, null, null, null, null, null, null, null, null, null, null).toSearch())
                .isEqualTo(TicketSearch.all());
    }

    @Test
    void datesAreWholeDaysInUtcAndInstantsAreTakenAsGiven() {
        TicketSearch days = parameters("2026-11-23", "2026-11-24", null).toSearch();
        assertThat(days.from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(days.to()).as("to a date: up to its end").isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        TicketSearch instants = parameters("2026-11-23T09:00:00Z", "2026-11-23T10:00:00.5Z", "sla").toSearch();
        assertThat(instants.from()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(instants.to()).isEqualTo(Instant.parse("2026-11-23T10:00:00.5Z"));
        assertThat(instants.sort()).isEqualTo(TicketSort.SLA);
    }

    @Test
    void everyBadValueIsListedInOneProblem() {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> new TicketListParameters("org\u0000", " ", null,
                null, null, "agent-7", true, "x".repeat(201), "23/11/2026", "2026-11-22", "nearest").toSearch());
        assertThat(problem.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("organizationId", "q", "unassigned", "openedBy", "from", "sort");
    }

    @Test
    void anEmptyOrReversedRangeIsRefused() {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> parameters("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", null).toSearch());
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("to");
    }

    @Test
    void controlCharactersAreRefused() {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> new TicketListParameters(null,
                "quiz\u0000", null, null, null, "agent\u0007", null, null, null, null, null).toSearch());
        assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("q", "assignee");
    }

    @Test
    void theSearchTextIsTrimmed() {
        assertThat(new TicketListParameters(null, "  quiz  ", null, null, null, null, null, null, null, null, "updated").toSearch().text())
                .isEqualTo("quiz");
    }

    private static TicketListParameters parameters(String from, String to, String sort) {
        return new TicketListParameters(null, null, null, null, null, null, null, null, from, to, sort);
    }
}
