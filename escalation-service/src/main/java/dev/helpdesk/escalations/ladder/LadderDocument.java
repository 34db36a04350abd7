package dev.helpdesk.escalations.ladder;

import dev.helpdesk.escalations.domain.Ladder;
import dev.helpdesk.escalations.domain.LadderLevel;
import dev.helpdesk.escalations.domain.LadderViolation;
import dev.helpdesk.events.Plan;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ladder as the API shows and accepts it. {@code namedSupportManager} is true on the level that the organisation's
 * own support manager takes (DEDICATED level 1); it is ignored on input.
 */
public record LadderDocument(String plan, List<Level> levels) {

    public record Level(Integer level, String name,
                        @Schema(description = "Business time (on the organisation's SLA calendar) within which the "
                                + "level must acknowledge, an ISO-8601 duration, positive and at most P30D (30 days); "
                                + "a longer one is refused with 400 naming levels[i].acknowledgeWithin.",
                                example = "PT1H")
                        String acknowledgeWithin,
                        Boolean informsRelationshipManager, Boolean namedSupportManager) {
    }

    static LadderDocument of(Ladder ladder) {
        return new LadderDocument(ladder.plan().name(), ladder.levels().stream()
                .map(level -> new Level(level.level(), level.name(), level.acknowledgeWithin().toString(),
                        level.informsRelationshipManager(), ladder.isNamedSupportManager(level.level())))
                .toList());
    }

    /** The ladder this document proposes for {@code plan}, or everything wrong with it. */
    LadderProposal toLadder(Plan plan) {
        List<LadderViolation> violations = new ArrayList<>();
        if (plan != null && this.plan != null && !this.plan.equals(plan.name())) {
            violations.add(new LadderViolation("plan", "must be " + plan.name() + " (the plan of the path) or absent"));
        }
        if (levels == null) {
            violations.add(new LadderViolation("levels", "must not be null"));
            return new LadderProposal(null, violations);
        }
        List<LadderLevel> parsed = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            if (level == null) {
                parsed.add(null);
                continue;
            }
            Duration within = null;
            if (level.acknowledgeWithin() != null) {
                try {
                    within = Duration.parse(level.acknowledgeWithin());
                } catch (DateTimeParseException e) {
                    violations.add(new LadderViolation("levels[" + i + "].acknowledgeWithin", "must be an ISO-8601 duration such as PT1H"));
                    within = Duration.ofSeconds(1);
                }
            }
            int number = level.level() == null ? 0 : level.level();
            boolean informs = level.informsRelationshipManager() == null ? number >= 2 : level.informsRelationshipManager();
            parsed.add(new LadderLevel(number, level.name(), within, informs));
        }
        violations.addAll(Ladder.violationsOf(parsed));
        return new LadderProposal(violations.isEmpty() ? new Ladder(plan, parsed) : null, violations);
    }

    record LadderProposal(Ladder ladder, List<LadderViolation> violations) {
    }
}
