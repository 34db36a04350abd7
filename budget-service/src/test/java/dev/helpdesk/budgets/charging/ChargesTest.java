package dev.helpdesk.budgets.charging;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargesTest {

    @Test
    void chargesMinutesAtTheHourlyRateInCents() {
        assertThat(Charges.of(120, new BigDecimal("120.00"))).isEqualByComparingTo("240.00").hasToString("240.00");
        assertThat(Charges.of(90, new BigDecimal("100"))).hasToString("150.00");
        assertThat(Charges.of(1, new BigDecimal("100.00"))).hasToString("1.67");
    }

    @Test
    void roundsHalfToEvenOncePerEntry() {
        // 3 min x 95.50/h = 4.775 -> 4.78 (7 is odd, goes up); 9 min x 95.50/h = 14.325 -> 14.32 (2 is even, stays)
        assertThat(Charges.of(3, new BigDecimal("95.50"))).hasToString("4.78");
        assertThat(Charges.of(9, new BigDecimal("95.50"))).hasToString("14.32");
    }

    @Test
    void isExactWhereBinaryFloatingPointIsNot() {
        BigDecimal total = Charges.zero();
        for (int i = 0; i < 10; i++) {
            total = total.add(Charges.of(6, new BigDecimal("1.00")));
        }
        assertThat(total).hasToString("1.00");
    }

    @Test
    void unknownRateChargesNothingAndNegativeMinutesAreRefused() {
        assertThat(Charges.of(60, null)).hasToString("0.00");
        assertThatThrownBy(() -> Charges.of(-1, BigDecimal.TEN)).isInstanceOf(IllegalArgumentException.class);
    }
}
