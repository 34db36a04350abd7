package dev.helpdesk.escalations.domain;

import dev.helpdesk.events.Plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The escalation ladder of a support plan: levels 1 to {@link #TOP_LEVEL}, each with its acknowledgement time.
 * On the {@code DEDICATED} plan level 1 is the organisation's own named support manager.
 */
public record Ladder(Plan plan, List<LadderLevel> levels) {

    public static final int TOP_LEVEL = 3;
    static final Duration LONGEST_ACKNOWLEDGEMENT = Duration.ofDays(30);
    static final int LONGEST_NAME = 200;

    public Ladder {
        Objects.requireNonNull(plan, "plan");
        List<LadderViolation> violations = violationsOf(levels);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Invalid ladder: " + violations);
        }
        levels = List.copyOf(levels);
    }

    /** The ladder of DOMAIN.md: 1 h, 2 h, 4 h; the relationship manager is informed from level 2. */
    public static Ladder defaults(Plan plan) {
        return new Ladder(plan, List.of(
                new LadderLevel(1, "Support services manager", Duration.ofHours(1), false),
                new LadderLevel(2, "Head of support", Duration.ofHours(2), true),
                new LadderLevel(3, "Executive sponsor", Duration.ofHours(4), true)));
    }

    /** Everything wrong with a proposed list of levels; empty when it makes a valid ladder. */
    public static List<LadderViolation> violationsOf(List<LadderLevel> levels) {
        List<LadderViolation> violations = new ArrayList<>();
        if (levels == null || levels.size() != TOP_LEVEL) {
            violations.add(new LadderViolation("levels", "must hold exactly levels 1 to " + TOP_LEVEL));
            return violations;
        }
        for (int i = 0; i < levels.size(); i++) {
            LadderLevel level = levels.get(i);
            String field = "levels[" + i + "]";
            if (level == null) {
                violations.add(new LadderViolation(field, "must not be null"));
                continue;
            }
            if (level.level() != i + 1) {
                violations.add(new LadderViolation(field + ".level", "must be " + (i + 1) + " (levels in order from 1)"));
            }
            if (level.name() == null || level.name().isBlank()) {
                violations.add(new LadderViolation(field + ".name", "must not be blank"));
            } else if (level.name().length() > LONGEST_NAME) {
                violations.add(new LadderViolation(field + ".name", "must be at most " + LONGEST_NAME + " characters"));
            }
            Duration within = level.acknowledgeWithin();
            if (within == null || within.isZero() || within.isNegative()) {
                violations.add(new LadderViolation(field + ".acknowledgeWithin", "must be a positive ISO-8601 duration"));
            } else if (within.compareTo(LONGEST_ACKNOWLEDGEMENT) > 0) {
                violations.add(new LadderViolation(field + ".acknowledgeWithin", "must be at most P30D"));
            }
        }
        return violations;
    }

    public LadderLevel level(int level) {
        if (level < 1 || level > levels.size()) {
            throw new IllegalArgumentException("No level " + level + " on the " + plan + " ladder");
        }
        return levels.get(level - 1);
    }

    /** True when this level is the one the organisation's named support manager takes. */
    public boolean isNamedSupportManager(int level) {
        return plan == Plan.DEDICATED && level == 1;
    }

    /** Who is escalated to at a level: the named support manager on DEDICATED level 1 when known, else nobody by name. */
    public String assigneeAt(int level, String organizationSupportManager) {
        return isNamedSupportManager(level) && organizationSupportManager != null && !organizationSupportManager.isBlank()
                ? organizationSupportManager : null;
    }

    /**
     * Whom an open level goes to once another support manager is in force: the new one, on the level the named support
     * manager takes, while it is OPEN (not acknowledged, not closed) and names someone else; empty when it stays as it
     * is. A manager removed ({@code null}) leaves the level with the one it was raised for: nobody would be assigned.
     */
    public Optional<String> reassignedTo(int level, EscalationState state, String assignee, String supportManagerInForce) {
        String inForce = assigneeAt(level, supportManagerInForce);
        return state == EscalationState.OPEN && inForce != null && !inForce.equals(assignee)
                ? Optional.of(inForce) : Optional.empty();
    }

    /** The level's name as published: on DEDICATED level 1 it names the organisation's support manager. */
    public String displayNameAt(int level, String organizationSupportManager) {
        String assignee = assigneeAt(level, organizationSupportManager);
        return assignee == null ? level(level).name() : level(level).name() + " (" + assignee + ")";
    }
}
