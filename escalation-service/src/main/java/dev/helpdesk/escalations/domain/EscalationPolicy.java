package dev.helpdesk.escalations.domain;

import dev.helpdesk.events.Severity;

import java.util.OptionalInt;

/**
 * The escalation rules of DOMAIN.md: which level, if any, an occurrence raises on a ticket. Every level is raised
 * at most once per ticket, nothing goes above the top level, and a resolved ticket is never escalated. Escalation
 * never touches the severity.
 */
public final class EscalationPolicy {

    /** The SLA warning threshold at and above which an S1 ticket is escalated. */
    public static final int S1_WARNING_THRESHOLD = 90;

    private final int topLevel;

    public EscalationPolicy() {
        this(Ladder.TOP_LEVEL);
    }

    EscalationPolicy(int topLevel) {
        this.topLevel = topLevel;
    }

    /** An SLA breach raises level 1 when the ticket is below it. */
    public OptionalInt onSlaBreach(TicketFacts ticket) {
        return ticket.resolved() || ticket.escalated() ? OptionalInt.empty() : OptionalInt.of(1);
    }

    /** An S1 ticket's warning at 90% raises level 1 when the ticket is below it; other warnings raise nothing. */
    public OptionalInt onSlaWarning(TicketFacts ticket, int thresholdPercent) {
        boolean critical = ticket.severity() == Severity.S1 && thresholdPercent >= S1_WARNING_THRESHOLD;
        return critical ? onSlaBreach(ticket) : OptionalInt.empty();
    }

    /** A request raises level 1, or the next level when the ticket is already escalated; nothing above the top. */
    public OptionalInt onEscalationRequest(TicketFacts ticket) {
        return ticket.resolved() ? OptionalInt.empty() : next(ticket.highestLevelRaised());
    }

    /**
     * A level not acknowledged in time advances to the next one, unless it was acknowledged or closed meanwhile,
     * the ticket went further already, or it is the top.
     */
    public OptionalInt onAcknowledgementTimeout(TicketFacts ticket, int level, EscalationState state) {
        if (ticket.resolved() || state != EscalationState.OPEN || ticket.highestLevelRaised() > level) {
            return OptionalInt.empty();
        }
        return next(level);
    }

    private OptionalInt next(int level) {
        return level >= topLevel ? OptionalInt.empty() : OptionalInt.of(level + 1);
    }
}
