package dev.helpdesk.budgets.replay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/** Rebuild progress as gauges: {@code helpdesk_budget_rebuild_running} and {@code helpdesk_budget_rebuild_events_read}. */
@Component
public class RebuildMeters {

    private final AtomicLong running = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();

    public RebuildMeters(MeterRegistry registry) {
        Gauge.builder("helpdesk.budget.rebuild.running", running, AtomicLong::get)
                .description("1 while a budget projection rebuild runs on this instance").register(registry);
        Gauge.builder("helpdesk.budget.rebuild.events.read", eventsRead, AtomicLong::get)
                .description("events read by the current (or last) budget projection rebuild").register(registry);
    }

    void started() {
        running.set(1);
        eventsRead.set(0);
    }

    void read(long count) {
        eventsRead.set(count);
    }

    void stopped() {
        running.set(0);
    }
}
