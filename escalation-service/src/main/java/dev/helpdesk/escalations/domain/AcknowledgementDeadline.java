package dev.helpdesk.escalations.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a level must be acknowledged: its acknowledgement time of business time from the instant it was raised, on
 * the organisation's calendars (to the millisecond, as stored and published).
 */
public final class AcknowledgementDeadline {

    private AcknowledgementDeadline() {
    }

    public static Instant of(Instant raisedAt, Duration acknowledgeWithin, WorkingCalendar calendar) {
        return calendar.add(raisedAt, acknowledgeWithin).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The new deadline of a level after its organisation's calendar changed, or empty when it does not move: only an
     * open level (not acknowledged, not closed) whose deadline has not passed yet moves, recomputed from the instant
     * it was raised on the new calendars; a deadline that would not change stays. The new deadline may lie in the
     * past (the new calendar gave less time): the level then times out at once.
     */
    public static Optional<Instant> moved(EscalationState state, Instant raisedAt, Instant acknowledgeBy,
                                          Duration acknowledgeWithin, WorkingCalendar calendar, Instant now) {
        if (state != EscalationState.OPEN || acknowledgeWithin == null || !acknowledgeBy.isAfter(now)) {
            return Optional.empty();
        }
        Instant recomputed = of(raisedAt, acknowledgeWithin, calendar);
        return recomputed.equals(acknowledgeBy) ? Optional.empty() : Optional.of(recomputed);
    }
}
