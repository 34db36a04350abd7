package dev.helpdesk.sla.report;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.sla.ticket.TicketStore.OpenedPosition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The {@code next}/{@code after} cursor of a simulation's pages: the last ticket of a page in (opened_at, ticket_id)
 * order, base64url-encoded so that clients treat it as opaque. A cursor that does not decode is a 400 naming
 * {@code after}.
 */
final class SimulationCursor {

    private SimulationCursor() {
    }

    static String encode(OpenedPosition position) {
        String text = position.openedAt() + "|" + position.ticketId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static OpenedPosition decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 1 || bar == text.length() - 1) {
                throw new IllegalArgumentException("no position");
            }
            return new OpenedPosition(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalid("after", "is not a cursor this API gave (a previous page's next)");
        }
    }
}
