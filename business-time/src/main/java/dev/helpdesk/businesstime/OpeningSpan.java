package dev.helpdesk.businesstime;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One span of opening hours within a local day, {@code from} inclusive, {@code to} exclusive.
 *
 * <p>The end of the day (24:00) is written as a {@code to} of {@code 00:00} ({@link LocalTime#MIDNIGHT});
 * {@link LocalTime#MAX} is accepted as well and normalised to {@code 00:00}. So {@code 00:00-00:00} is the
 * whole day, and {@code 18:00-00:00} runs until midnight. A span never crosses midnight: split it over two days.
 */
public record OpeningSpan(LocalTime from, LocalTime to) {

    public OpeningSpan {
        if (from == null || to == null) {
            throw new IllegalArgumentException("an opening span needs both 'from' and 'to'");
        }
        if (to.equals(LocalTime.MAX)) {
            to = LocalTime.MIDNIGHT;
        }
        if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
            throw new IllegalArgumentException(
                    "opening span " + label(from) + "-" + label(to) + ": 'to' must be after 'from'");
        }
    }

    public static OpeningSpan of(LocalTime from, LocalTime to) {
        return new OpeningSpan(from, to);
    }

    /** Parses {@code HH:mm[:ss]} times; {@code to} may also be {@code 24:00} for the end of the day. */
    public static OpeningSpan parse(String from, String to) {
        return new OpeningSpan(parseTime(from, "from", false), parseTime(to, "to", true));
    }

    /** Whether the span runs until the end of the local day (24:00). */
    public boolean endsAtEndOfDay() {
        return to.equals(LocalTime.MIDNIGHT);
    }

    /** {@code to} as text, {@code 24:00} for the end of the day. */
    public String toText() {
        return endsAtEndOfDay() ? "24:00" : label(to);
    }

    public String fromText() {
        return label(from);
    }

    boolean overlaps(OpeningSpan other) {
        return startNanos() < other.endNanos() && other.startNanos() < endNanos();
    }

    long startNanos() {
        return from.toNanoOfDay();
    }

    long endNanos() {
        return endsAtEndOfDay() ? LocalTime.MAX.toNanoOfDay() + 1 : to.toNanoOfDay();
    }

    @Override
    public String toString() {
        return fromText() + "-" + toText();
    }

    private static String label(LocalTime time) {
        return time.toString();
    }

    private static LocalTime parseTime(String text, String field, boolean endOfDayAllowed) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("opening span needs '" + field + "'");
        }
        String trimmed = text.trim();
        if (endOfDayAllowed && (trimmed.equals("24:00") || trimmed.equals("24:00:00"))) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not a time of day (HH:mm): " + trimmed);
        }
    }
}
