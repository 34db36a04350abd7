package dev.helpdesk.sla.policy;

import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.EnumSet;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy as the API and the database hold it. {@code typesWithoutTargets}: ticket types that get no SLA clock at all
 * under this policy (e.g. Open edX requests); null or absent (policies stored before it existed) means none.
 */
public record PolicyDocument(String id, String name, String calendarId, List<Integer> warningThresholds,
                             Map<String, TargetDocument> targets,
                             @Schema(description = "Ticket types that get no SLA clock at all under this policy "
                                     + "(INCIDENT, BUG, QUERY, REQUEST, SITE_REFRESH); empty or absent: none.",
                                     example = "[\"REQUEST\"]")
                             List<String> typesWithoutTargets,
                             Long version) {

    /** A policy that gives every ticket type its targets. */
    public PolicyDocument(String id, String name, String calendarId, List<Integer> warningThresholds,
                          Map<String, TargetDocument> targets, Long version) {
        this(id, name, calendarId, warningThresholds, targets, List.of(), version);
    }

    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(75, 90);

    /** Validates everything at once and answers the policy; 400 with every invalid field otherwise. */
    public SlaPolicy toPolicy() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        if (calendarId == null || calendarId.isBlank()) {
            errors.add(new FieldError("calendarId", "is required"));
        }
        List<Integer> thresholds = thresholds(errors);
        Map<Severity, SeverityTargets> parsed = parseTargets(targets, errors);
        Set<TicketType> withoutTargets = parseTypes(typesWithoutTargets, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new SlaPolicy(id, version == null ? 0 : version, calendarId, thresholds, parsed, withoutTargets);
    }

    public PolicyDocument with(String newId, Long newVersion) {
        return new PolicyDocument(newId, name, calendarId, warningThresholds == null ? DEFAULT_THRESHOLDS : warningThresholds,
                targets, typesWithoutTargets == null ? List.of() : typesWithoutTargets, newVersion);
    }

    /** The ticket types named, each known and named once. */
    public static Set<TicketType> parseTypes(List<String> types, List<FieldError> errors) {
        Set<TicketType> parsed = EnumSet.noneOf(TicketType.class);
        if (types == null) {
            return parsed;
        }
        for (int i = 0; i < types.size(); i++) {
            String field = "typesWithoutTargets[" + i + "]";
            try {
                if (!parsed.add(TicketType.valueOf(String.valueOf(types.get(i))))) {
                    errors.add(new FieldError(field, "is repeated"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, "unknown ticket type (INCIDENT, BUG, QUERY, REQUEST, SITE_REFRESH)"));
            }
        }
        return parsed;
    }

    private List<Integer> thresholds(List<FieldError> errors) {
        if (warningThresholds == null) {
            return DEFAULT_THRESHOLDS;
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < warningThresholds.size(); i++) {
            Integer value = warningThresholds.get(i);
            if (value == null || value < 1 || value > 99) {
                errors.add(new FieldError("warningThresholds[" + i + "]", "must be a percentage between 1 and 99"));
            } else if (!seen.add(value)) {
                errors.add(new FieldError("warningThresholds[" + i + "]", "is repeated"));
            }
        }
        return warningThresholds.stream().sorted().toList();
    }

    /** Parses a targets table (also the copy stored on a ticket). */
    public static Map<Severity, SeverityTargets> parseTargets(Map<String, TargetDocument> targets, List<FieldError> errors) {
        Map<Severity, SeverityTargets> parsed = new EnumMap<>(Severity.class);
        if (targets == null) {
            errors.add(new FieldError("targets", "is required"));
            return parsed;
        }
        targets.forEach((key, value) -> {
            Severity severity;
            try {
                severity = Severity.valueOf(key);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("targets." + key, "unknown severity (S1..S5)"));
                return;
            }
            if (value == null) {
                errors.add(new FieldError("targets." + key, "is required"));
                return;
            }
            Duration firstResponse = duration(value.firstResponse(), "targets." + key + ".firstResponse", true, errors);
            Duration resolution = duration(value.resolution(), "targets." + key + ".resolution", false, errors);
            Duration nextReply = duration(value.nextReply(), "targets." + key + ".nextReply", false, errors);
            parsed.put(severity, new SeverityTargets(firstResponse, resolution, nextReply));
        });
        for (Severity severity : Severity.values()) {
            if (!targets.containsKey(severity.name())) {
                errors.add(new FieldError("targets." + severity, "is required"));
            }
        }
        return parsed;
    }

    private static Duration duration(String text, String field, boolean required, List<FieldError> errors) {
        if (text == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        try {
            Duration duration = Duration.parse(text).truncatedTo(ChronoUnit.MILLIS);
            if (duration.isNegative() || duration.isZero()) {
                errors.add(new FieldError(field, "must be a positive duration"));
                return null;
            }
            if (duration.compareTo(SlaPolicy.MAX_TARGET) > 0) {
                // still answered: a ticket's stored copy made before the bound keeps loading (its errors are ignored)
                errors.add(new FieldError(field, SlaPolicy.MAX_TARGET_MESSAGE));
            }
            return duration;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "is not an ISO-8601 duration (e.g. PT4H, PT30S)"));
            return null;
        }
    }
}
