package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.RateKind;
import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record LogTimeCommand(
        @TargetAggregateIdentifier String ticketId,
        String entryId,
        int minutes,
        RateKind rate,
        java.time.LocalDate workDate,
        String note,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion,
        Instant startedAt) {

    /** An entry without its start instant (dated only). */
    public LogTimeCommand(String ticketId, String entryId, int minutes, RateKind rate, java.time.LocalDate workDate,
                          String note, Actor actor, Instant at, Long expectedVersion) {
        this(ticketId, entryId, minutes, rate, workDate, note, actor, at, expectedVersion, null);
    }
}
