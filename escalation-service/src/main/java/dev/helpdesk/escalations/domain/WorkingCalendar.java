package dev.helpdesk.escalations.domain;

import java.time.Duration;
import java.time.Instant;

/** The organisation's coverage calendar, as far as acknowledgement deadlines need it. */
public interface WorkingCalendar {

    /** The instant at which {@code businessTime} of covered time has passed after {@code start}. */
    Instant add(Instant start, Duration businessTime);
}
