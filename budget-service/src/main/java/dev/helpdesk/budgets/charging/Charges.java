package dev.helpdesk.budgets.charging;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The charge of a time entry: minutes / 60 x the hourly rate of its kind. Computed with {@link BigDecimal} and
 * rounded once per entry to cents with {@link RoundingMode#HALF_EVEN} (banker's rounding), so that a reversal
 * cancels its entry to the cent and sums never drift.
 */
public final class Charges {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    private Charges() {
    }

    public static BigDecimal of(int minutes, BigDecimal hourlyRate) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative");
        }
        if (hourlyRate == null) {
            return zero();
        }
        return hourlyRate.multiply(BigDecimal.valueOf(minutes)).divide(MINUTES_PER_HOUR, SCALE, ROUNDING);
    }

    public static BigDecimal money(BigDecimal amount) {
        return amount == null ? zero() : amount.setScale(SCALE, ROUNDING);
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }
}
