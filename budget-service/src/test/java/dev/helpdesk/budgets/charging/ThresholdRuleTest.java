package dev.helpdesk.budgets.charging;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdRuleTest {

    private final ThresholdRule rule = ThresholdRule.DEFAULT;

    @Test
    void reachesAThresholdExactlyAtItsPercentage() {
        assertThat(rule.reached(new BigDecimal("1000.00"), new BigDecimal("499.99"))).isEmpty();
        assertThat(rule.reached(new BigDecimal("1000.00"), new BigDecimal("500.00"))).containsExactly(50);
        assertThat(rule.reached(new BigDecimal("1000.00"), new BigDecimal("800.00"))).containsExactly(50, 80);
    }

    @Test
    void overrunReachesAllAndIsNotCapped() {
        assertThat(rule.reached(new BigDecimal("100.00"), new BigDecimal("250.00"))).containsExactly(50, 80, 100);
    }

    @Test
    void raisesOnlyThoseNotRaisedBeforeInThePeriod() {
        assertThat(rule.newlyReached(new BigDecimal("100.00"), new BigDecimal("90.00"), List.of(50))).containsExactly(80);
        assertThat(rule.newlyReached(new BigDecimal("100.00"), new BigDecimal("10.00"), List.of(50, 80))).isEmpty();
    }

    @Test
    void withoutABudgetNoThresholdApplies() {
        assertThat(rule.reached(Charges.zero(), new BigDecimal("10.00"))).isEmpty();
    }
}
