package dev.helpdesk.sla.clock;

import java.util.ArrayList;
import java.util.List;

/** A clock after a transition and the events the transition produced, in order. */
public record ClockChange(SlaClock clock, List<ClockEvent> events) {

    public ClockChange {
        events = List.copyOf(events);
    }

    static ClockChange unchanged(SlaClock clock) {
        return new ClockChange(clock, List.of());
    }

    ClockChange then(ClockChange next) {
        List<ClockEvent> all = new ArrayList<>(events);
        all.addAll(next.events);
        return new ClockChange(next.clock, all);
    }
}
