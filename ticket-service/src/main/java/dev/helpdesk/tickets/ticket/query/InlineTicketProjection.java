package dev.helpdesk.tickets.ticket.query;

import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;


/**
 * The ticket view written in the command's own transaction (a subscribing processor), so that the answer to a write
 * shows the write without waiting for the tracking processor: measured in benchmark 1, that wait was the largest
 * single wait of a write. It applies an event only on top of its direct predecessor, so it never moves a view past
 * an event the tracking processor has not applied yet (nor past one a replay's next generation has not seen); the
 * tracking processor {@link TicketProjection} then finds the event applied and skips it. A failure here fails the
 * command, so a write never commits with a view that silently missed it.
 */
@Component
@ProcessingGroup(AxonConfig.INLINE_VIEWS)
class InlineTicketProjection extends TicketProjection {

    InlineTicketProjection(JdbcTemplate jdbc) {
        super(jdbc, ViewTables.SERVED, true);
    }
}
