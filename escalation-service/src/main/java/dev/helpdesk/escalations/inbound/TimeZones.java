package dev.helpdesk.escalations.inbound;

import dev.helpdesk.events.UnreadableEventException;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Deadlines count on the organisation's zone: an event naming no real one can never be applied. */
final class TimeZones {

    private TimeZones() {
    }

    /** Throws {@link UnreadableEventException} unless {@code timeZone} is absent or an IANA zone id. */
    static void require(String timeZone, String field) {
        if (timeZone == null) {
            return;
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new UnreadableEventException(field + " is not an IANA time zone");
        }
    }
}
