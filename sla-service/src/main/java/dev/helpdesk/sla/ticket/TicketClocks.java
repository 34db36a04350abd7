package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The clocks of one ticket while an event is applied: collects each metric's changes and their events. */
final class TicketClocks {

    private final Map<Metric, SlaClock> clocks = new EnumMap<>(Metric.class);
    private final Map<Metric, List<ClockEvent>> events = new EnumMap<>(Metric.class);
    private final BusinessCalendar calendar;

    TicketClocks(Collection<SlaClock> current, BusinessCalendar calendar) {
        current.forEach(clock -> clocks.put(clock.metric(), clock));
        this.calendar = calendar;
    }

    BusinessCalendar calendar() {
        return calendar;
    }

    void change(Metric metric, Function<SlaClock, ClockChange> transition) {
        SlaClock clock = clocks.get(metric);
        if (clock == null) {
            return;
        }
        ClockChange change = transition.apply(clock);
        clocks.put(metric, change.clock());
        events.computeIfAbsent(metric, key -> new ArrayList<>()).addAll(change.events());
    }

    List<ClockChange> changes() {
        List<ClockChange> changes = new ArrayList<>();
        for (Map.Entry<Metric, SlaClock> entry : clocks.entrySet()) {
            changes.add(new ClockChange(entry.getValue(), events.getOrDefault(entry.getKey(), List.of())));
        }
        return changes;
    }
}
