package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.domain.NotPermittedException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import dev.helpdesk.tickets.organization.command.OrganizationTerms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Who may open a ticket, and when: a current contact of the organisation or support staff on its behalf, on a day
 * (in the organisation's time zone) inside the support period.
 */
public final class TicketAdmissionPolicy {

    private TicketAdmissionPolicy() {
    }

    public static void check(OrganizationTerms terms, Actor actor, Instant at) {
        if (actor.isContact() && !terms.contactIds().contains(actor.userId())) {
            throw new RuleViolationException("not-a-contact",
                    "Only current technical contacts of the organisation may open tickets.");
        }
        if (!actor.isContact() && !actor.isStaff()) {
            throw new NotPermittedException("not-permitted", "Only contacts and support staff open tickets.");
        }
        LocalDate today = at.atZone(ZoneId.of(terms.timeZone())).toLocalDate();
        if (today.isBefore(terms.supportPeriodStart()) || today.isAfter(terms.supportPeriodEnd())) {
            throw new RuleViolationException("outside-support-period",
                    "No new tickets outside the support period " + terms.supportPeriodStart() + " to "
                            + terms.supportPeriodEnd() + " (today is " + today + " in " + terms.timeZone() + ").");
        }
    }
}
