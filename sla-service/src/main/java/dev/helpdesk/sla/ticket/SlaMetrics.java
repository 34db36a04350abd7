package dev.helpdesk.sla.ticket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Business metrics: clocks running, warnings and breaches by metric and severity, timer lag. */
@Component
public class SlaMetrics {

    private final MeterRegistry registry;
    private final Timer timerLag;

    public SlaMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        Gauge.builder("helpdesk.sla.clocks.running",
                        () -> jdbc.queryForObject("SELECT count(*) FROM clock WHERE state = 'RUNNING'", Long.class))
                .description("SLA clocks currently running").register(registry);
        this.timerLag = Timer.builder("helpdesk.sla.timer.lag")
                .description("Time between a threshold's due time and its firing").register(registry);
    }

    public void warning(String metric, String severity, int threshold) {
        Counter.builder("helpdesk.sla.warnings").tag("metric", metric).tag("severity", severity)
                .tag("threshold", Integer.toString(threshold)).register(registry).increment();
    }

    public void breach(String metric, String severity) {
        Counter.builder("helpdesk.sla.breaches").tag("metric", metric).tag("severity", severity)
                .register(registry).increment();
    }

    public void timerLag(Duration lag) {
        timerLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
