package dev.helpdesk.budgets.charging;

import java.math.BigDecimal;
import java.util.List;

/**
 * Budget thresholds in percent of the money purchased for a period. A threshold is reached when consumption is at
 * or above it, compared exactly (no rounded percentage). Without money purchased no threshold applies.
 */
public record ThresholdRule(List<Integer> thresholds) {

    public static final ThresholdRule DEFAULT = new ThresholdRule(List.of(50, 80, 100));

    public ThresholdRule {
        thresholds = thresholds.stream().sorted().toList();
        if (thresholds.stream().anyMatch(t -> t <= 0)) {
            throw new IllegalArgumentException("thresholds must be positive percentages");
        }
    }

    public List<Integer> reached(BigDecimal purchased, BigDecimal consumed) {
        if (purchased.signum() <= 0) {
            return List.of();
        }
        BigDecimal consumedTimesHundred = consumed.multiply(BigDecimal.valueOf(100));
        return thresholds.stream()
                .filter(t -> consumedTimesHundred.compareTo(purchased.multiply(BigDecimal.valueOf(t))) >= 0)
                .toList();
    }

    /** Those reached now that were not raised before: each threshold is raised once per period. */
    public List<Integer> newlyReached(BigDecimal purchased, BigDecimal consumed, java.util.Collection<Integer> raisedBefore) {
        return reached(purchased, consumed).stream().filter(t -> !raisedBefore.contains(t)).toList();
    }
}
