package dev.helpdesk.tickets.organization.query;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An organisation as the API shows it: the terms in effect now (budget rates included), its contacts, and every
 * change of its terms in the order recorded, including those that take effect later ({@code termsHistory}).
 */
public record OrganizationView(
        String id,
        String name,
        String plan,
        String calendar,
        String timeZone,
        SupportPeriod supportPeriod,
        int contactLimit,
        String supportManager,
        String relationshipManager,
        Budget budget,
        List<Contact> contacts,
        List<TermsChange> termsHistory,
        @JsonIgnore long version) {

    public record SupportPeriod(LocalDate start, LocalDate end) {
    }

    public record Budget(BigDecimal amount, String currency, BigDecimal standardRate, BigDecimal consultancyRate,
                         BigDecimal purchasedTotal) {
    }

    public record Contact(String userId, String name, String email) {
    }

    /** One recorded change: the complete terms from {@code effectiveFrom}, and what it changed. */
    public record TermsChange(Instant effectiveFrom, Instant changedAt, String changedBy, List<String> changedFields,
                              String name, String plan, String calendar, String timeZone, int contactLimit,
                              String supportManager, String relationshipManager, BigDecimal standardRate,
                              BigDecimal consultancyRate) {
    }

    /** This view with the terms of {@code change} in effect (a change that fell due after it was applied). */
    OrganizationView withTermsOf(TermsChange change) {
        Budget rates = budget == null ? null : new Budget(budget.amount(), budget.currency(), change.standardRate(),
                change.consultancyRate(), budget.purchasedTotal());
        return new OrganizationView(id, change.name(), change.plan(), change.calendar(), change.timeZone(), supportPeriod,
                change.contactLimit(), change.supportManager(), change.relationshipManager(), rates, contacts,
                termsHistory, version);
    }
}
