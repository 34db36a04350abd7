package dev.helpdesk.budgets.charging;

import java.math.BigDecimal;

/** Minutes worked (reversals subtracted) and what they cost. */
public record Usage(long minutes, BigDecimal amount) {

    public static Usage none() {
        return new Usage(0, Charges.zero());
    }

    public Usage plus(Usage other) {
        return new Usage(minutes + other.minutes, amount.add(other.amount));
    }
}
