package dev.helpdesk.budgets.projection;

import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.BudgetTerms;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** The published contract's rules for the events the budget applies; a breach makes the record malformed. */
final class EventValidation {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_MINUTES = 100_000;

    private EventValidation() {
    }

    static void check(Object event, Instant time) {
        if (event instanceof OrganizationRegisteredEvent e) {
            id("organizationId", e.organizationId());
            period(e.supportPeriodStart(), e.supportPeriodEnd());
            if (e.budget() != null) {
                terms(e.budget());
            }
        } else if (event instanceof SupportPeriodChangedEvent e) {
            id("organizationId", e.organizationId());
            period(e.start(), e.end());
        } else if (event instanceof BudgetPurchasedEvent e) {
            id("organizationId", e.organizationId());
            id("purchaseId", e.purchaseId());
            money("amount", e.amount(), true);
            currency(e.currency());
            require(time != null, "time missing (a purchase is dated by it)");
        } else if (event instanceof TimeEntryLoggedEvent e) {
            entry(e.ticketId(), e.organizationId(), e.entryId(), e.agentId(), e.minutes(), e.rate() != null, e.workDate());
        } else if (event instanceof TimeEntryReversedEvent e) {
            entry(e.ticketId(), e.organizationId(), e.entryId(), e.agentId(), e.minutes(), e.rate() != null, e.workDate());
        } else if (event instanceof OrganizationTimeEntryLoggedEvent e) {
            entry(e.organizationId(), e.organizationId(), e.entryId(), e.agentId(), e.minutes(), e.rate() != null, e.workDate());
        } else if (event instanceof OrganizationTimeEntryReversedEvent e) {
            entry(e.organizationId(), e.organizationId(), e.entryId(), e.agentId(), e.minutes(), e.rate() != null, e.workDate());
        } else if (event instanceof OrganizationTermsChangedEvent e) {
            id("organizationId", e.organizationId());
            require(e.effectiveFrom() != null && e.changedAt() != null, "effectiveFrom and changedAt are required");
            if (e.standardRate() != null) {
                money("standardRate", e.standardRate(), false);
            }
            if (e.consultancyRate() != null) {
                money("consultancyRate", e.consultancyRate(), false);
            }
            if (e.timeZone() != null) {
                try {
                    java.time.ZoneId.of(e.timeZone());
                } catch (java.time.DateTimeException invalid) {
                    throw new MalformedEventException("timeZone is not an IANA zone");
                }
            }
        } else {
            throw new MalformedEventException("unexpected event " + event.getClass().getSimpleName());
        }
    }

    private static void entry(String ticketId, String organizationId, String entryId, String agentId, int minutes,
                              boolean hasRate, LocalDate workDate) {
        id("ticketId", ticketId);
        id("organizationId", organizationId);
        id("entryId", entryId);
        id("agentId", agentId);
        require(minutes > 0 && minutes <= MAX_MINUTES, "minutes must be between 1 and " + MAX_MINUTES);
        require(hasRate, "rate missing");
        require(workDate != null, "workDate missing");
    }

    private static void terms(BudgetTerms terms) {
        money("budget.amount", terms.amount(), false);
        currency(terms.currency());
        money("budget.standardRate", terms.standardRate(), false);
        money("budget.consultancyRate", terms.consultancyRate(), false);
    }

    private static void period(LocalDate start, LocalDate end) {
        require(start != null && end != null && !end.isBefore(start), "support period needs start <= end");
    }

    private static void money(String field, BigDecimal amount, boolean positive) {
        require(amount != null, field + " missing");
        require(positive ? amount.signum() > 0 : amount.signum() >= 0, field + " must be " + (positive ? "positive" : "zero or more"));
        require(amount.stripTrailingZeros().scale() <= 2 && amount.precision() - amount.scale() <= 15,
                field + " must be money with at most two decimals");
    }

    private static void currency(String currency) {
        require(currency != null && CURRENCY.matcher(currency).matches(), "currency must be an ISO 4217 code");
    }

    private static void id(String field, String value) {
        require(value != null && !value.isBlank() && value.length() <= 100, field + " missing or too long");
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new MalformedEventException(reason);
        }
    }
}
