package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The clocks of one ticket while an event is applied: collects each metric's changes and their events. */
final class TicketClocks {

    private final Map<Metric, SlaClock> clocks = new EnumMap<>(Metric.class);
    private final Map<Metric, List<ClockEvent>> events = new EnumMap<>(Metric.class);
    private final Set<Metric> restarted = EnumSet.noneOf(Metric.class);
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

    /** The clock of a metric, or null when the ticket has none. */
    SlaClock get(Metric metric) {
        return clocks.get(metric);
    }

    /** A clock that starts now, in place of the metric's previous one if any (next replies start again and again). */
    void start(Metric metric, ClockChange started) {
        clocks.put(metric, started.clock());
        restarted.add(metric);
        events.computeIfAbsent(metric, key -> new ArrayList<>()).addAll(started.events());
    }

    /** Whether the metric's clock was started anew (its history then has no previous clock to compare with). */
    boolean restarted(Metric metric) {
        return restarted.contains(metric);
    }

    List<ClockChange> changes() {
        List<ClockChange> changes = new ArrayList<>();
        for (Map.Entry<Metric, SlaClock> entry : clocks.entrySet()) {
            changes.add(new ClockChange(entry.getValue(), events.getOrDefault(entry.getKey(), List.of())));
        }
        return changes;
    }
}
