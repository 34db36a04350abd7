package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;

/** The hourly rates of an organisation's budget; a rate is null while the organisation's terms are unknown. */
public record RateCard(BigDecimal standard, BigDecimal consultancy) {

    public static final RateCard UNKNOWN = new RateCard(null, null);

    public BigDecimal hourlyRate(RateKind kind) {
        return kind == RateKind.CONSULTANCY ? consultancy : standard;
    }
}
