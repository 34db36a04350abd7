package dev.helpdesk.tickets.organization.query;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An organisation as the API shows it. */
public record OrganizationView(
        String id,
        String name,
        String plan,
        String calendar,
        String timeZone,
        SupportPeriod supportPeriod,
        int contactLimit,
        String supportManager,
        Budget budget,
        List<Contact> contacts,
        @JsonIgnore long version) {

    public record SupportPeriod(LocalDate start, LocalDate end) {
    }

    public record Budget(BigDecimal amount, String currency, BigDecimal standardRate, BigDecimal consultancyRate,
                         BigDecimal purchasedTotal) {
    }

    public record Contact(String userId, String name, String email) {
    }
}
