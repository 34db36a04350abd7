package dev.helpdesk.sla.report;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.sla.ticket.TicketStore.OpenedPosition;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationCursorTest {

    @Test
    void aCursorCarriesThePageEndToTheMicrosecondAndATicketIdWithBars() {
        OpenedPosition position = new OpenedPosition(Instant.parse("2026-03-29T01:30:00.123456Z"), "t|1");
        String cursor = SimulationCursor.encode(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(SimulationCursor.decode(cursor)).isEqualTo(position);
        assertThat(SimulationCursor.decode(null)).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingAfter() {
        for (String bad : new String[] {"not a cursor", "", "MjAyNg", SimulationCursor.encode(new OpenedPosition(Instant.EPOCH, "x")).substring(3)}) {
            assertThatThrownBy(() -> SimulationCursor.decode(bad)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).errors()).extracting("field").containsExactly("after"));
        }
    }
}
