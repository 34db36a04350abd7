package dev.helpdesk.budgets;

import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.budgets.projection.ProjectionWriter;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;
import dev.helpdesk.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live consumer and a rebuild apply the events of a poll together ({@link ProjectionWriter#applyAll}); this
 * pins that it stores exactly what applying them one by one stores: repeats of an event id applied once, the first of two events for
 * the same entry wins, an id the generation already applied is skipped, the envelope's time stands in for a missing
 * one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "budgets")
@DirtiesContext // closed while the broker still runs, so the JVM exits without waiting for Kafka clients
@Import(TicketTopicCreation.class)
class TimeEntryBatchTest {

    private static final int ONE_BY_ONE = 9_001;
    private static final int TOGETHER = 9_002;
    private static final Instant TIME = Instant.parse("2026-03-02T10:15:30.123456Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Autowired
    ProjectionWriter writer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void removeGenerations() {
        for (String table : List.of("ledger_line", "processed_event")) {
            jdbc.update("delete from " + table + " where generation in (?, ?)", ONE_BY_ONE, TOGETHER);
        }
    }

    @Test
    void storesWhatApplyingOneByOneStores() {
        List<IncomingEvent> events = List.of(
                logged("ev-1", "T-1", "E-1", 30, "first"),
                logged("ev-1", "T-1", "E-1", 30, "first"),
                logged("ev-2", "T-1", "E-1", 45, "same entry, later event"),
                logged("ev-3", "T-1", "E-2", 15, null),
                reversed("ev-4", "T-1", "E-1", 30),
                logged("ev-5", "T-2", "E-1", 60, "already applied"),
                new IncomingEvent("ev-6", "helpdesk.ticket.time-entry-logged.v1", TIME, null,
                        new TimeEntryLoggedEvent("T-2", "org-1", "E-3", "agent-2", 5, RateKind.CONSULTANCY, DAY, "no time", null)));
        for (int generation : List.of(ONE_BY_ONE, TOGETHER)) {
            jdbc.update("insert into processed_event (generation, event_id) values (?, 'ev-5')", generation);
        }

        long appliedOneByOne = transaction.execute(status ->
                events.stream().filter(event -> writer.apply(ONE_BY_ONE, event)).count());
        int appliedTogether = transaction.execute(status -> writer.applyAll(TOGETHER, events).events().size());

        assertThat(appliedTogether).isEqualTo(appliedOneByOne).isEqualTo(5);
        assertThat(lines(TOGETHER)).isEqualTo(lines(ONE_BY_ONE)).hasSize(4);
        assertThat(lines(TOGETHER).get(0)).containsEntry("minutes", 30).containsEntry("note", "first");
        assertThat(marks(TOGETHER)).isEqualTo(marks(ONE_BY_ONE)).containsExactly("ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6");
        int repeated = transaction.execute(status -> writer.applyAll(TOGETHER, events).events().size());
        assertThat(repeated).isZero();
    }

    private static IncomingEvent logged(String id, String ticket, String entry, int minutes, String note) {
        return new IncomingEvent(id, "helpdesk.ticket.time-entry-logged.v1", TIME, null, new TimeEntryLoggedEvent(
                ticket, "org-1", entry, "agent-1", minutes, RateKind.STANDARD, DAY, note, TIME.minusSeconds(minutes)));
    }

    private static IncomingEvent reversed(String id, String ticket, String entry, int minutes) {
        return new IncomingEvent(id, "helpdesk.ticket.time-entry-reversed.v1", TIME, null, new TimeEntryReversedEvent(
                ticket, "org-1", entry, "agent-1", minutes, RateKind.STANDARD, DAY, "wrong ticket", "agent-1", TIME));
    }

    private List<Map<String, Object>> lines(int generation) {
        return jdbc.queryForList("""
                select organization_id, entry_id, kind, ticket_id, agent_id, minutes, rate, work_date, note, recorded_at
                from ledger_line where generation = ? order by ticket_id, entry_id, kind""", generation);
    }

    private List<String> marks(int generation) {
        return jdbc.queryForList("select event_id from processed_event where generation = ? order by event_id",
                String.class, generation);
    }
}
