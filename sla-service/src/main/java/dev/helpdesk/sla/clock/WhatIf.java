package dev.helpdesk.sla.clock;

import dev.helpdesk.businesstime.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * What a past clock would have been under another target and calendar: same opening, same paused business time,
 * same stop (met) time; only the due time moves.
 */
public record WhatIf(ClockState state, Duration target, Instant dueAt) {

    public static WhatIf of(SlaClock actual, Instant openedAt, Duration target, BusinessCalendar calendar, Instant now) {
        if (target == null) {
            return new WhatIf(ClockState.NOT_APPLICABLE, null, null);
        }
        if (actual.state() == ClockState.EXEMPTED) {
            // an exemption is support's decision about the case, whatever the targets
            return new WhatIf(ClockState.EXEMPTED, target, null);
        }
        Instant start = calendar.nextOpening(openedAt);
        Instant due = calendar.add(start, target.plus(actual.pausedFor()));
        if (actual.metAt() != null) {
            return new WhatIf(actual.metAt().isAfter(due) ? ClockState.BREACHED : ClockState.MET, target, due);
        }
        if (actual.state() == ClockState.PAUSED && actual.pausedAt() != null) {
            Duration used = actual.pausedAt().isAfter(start)
                    ? calendar.between(start, actual.pausedAt()).minus(actual.pausedFor()) : Duration.ZERO;
            return new WhatIf(used.compareTo(target) >= 0 ? ClockState.BREACHED : ClockState.PAUSED, target, due);
        }
        return new WhatIf(now.isBefore(due) ? ClockState.RUNNING : ClockState.BREACHED, target, due);
    }
}
