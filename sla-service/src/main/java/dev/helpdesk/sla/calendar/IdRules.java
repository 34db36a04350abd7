package dev.helpdesk.sla.calendar;

import dev.helpdesk.edge.problem.ProblemException;
import java.util.regex.Pattern;

/** Ids of calendars and policies are short slugs chosen by admins ({@code business-hours}, {@code 24x7}). */
public final class IdRules {

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private IdRules() {
    }

    public static void requireValidId(String id) {
        if (id == null || !SLUG.matcher(id).matches()) {
            throw ProblemException.invalid("id", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }
}
