package dev.helpdesk.pipeline.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code helpdesk_kafka_consumer_lag{group}}: records on the topics of each of the service's consumer groups not yet
 * consumed by it, measured every {@code lagEvery} with bounded admin calls on one background thread. While the
 * broker cannot be asked, the gauge keeps its last value and {@code helpdesk_kafka_consumer_lag_age_seconds{group}}
 * (time since the last measurement) grows. Kafka's own {@code records-lag-max} is per consumer and partition and
 * disappears when a consumer stops polling; this one is per group and survives a rebalance or a dead instance.
 */
public class ConsumerLagGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagGauges.class);

    private final KafkaProbe probe;
    private final KafkaListenerEndpointRegistry listeners;
    private final MeterRegistry meters;
    private final Duration every;
    private final Map<String, AtomicLong> lagByGroup = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> measuredAtByGroup = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean failing;

    public ConsumerLagGauges(KafkaProbe probe, KafkaListenerEndpointRegistry listeners, MeterRegistry meters, Duration every) {
        this.probe = probe;
        this.listeners = listeners;
        this.meters = meters;
        this.every = every;
    }

    /** Measures every group once; public so a test can drive it without waiting for the schedule. */
    public void measure() {
        groups().forEach((group, topics) -> {
            AtomicLong lag = lagByGroup.computeIfAbsent(group, this::register);
            try {
                lag.set(probe.lag(group, topics));
                measuredAtByGroup.get(group).set(System.currentTimeMillis());
                if (failing) {
                    log.info("Consumer lag can be measured again");
                    failing = false;
                }
            } catch (Exception e) {
                if (!failing) {
                    log.warn("Consumer lag of {} cannot be measured (broker unreachable?): {}", group, e.toString());
                    failing = true;
                }
            }
        });
    }

    private Map<String, Set<String>> groups() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (container.getGroupId() != null && topics != null) {
                groups.computeIfAbsent(container.getGroupId(), g -> new TreeSet<>()).addAll(Arrays.asList(topics));
            }
        }
        return groups;
    }

    private AtomicLong register(String group) {
        AtomicLong lag = new AtomicLong();
        AtomicLong measuredAt = new AtomicLong(System.currentTimeMillis());
        measuredAtByGroup.put(group, measuredAt);
        Gauge.builder("helpdesk.kafka.consumer.lag", lag, AtomicLong::get).tag("group", group)
                .description("Records on the group's topics not yet consumed by it").register(meters);
        Gauge.builder("helpdesk.kafka.consumer.lag.age", measuredAt,
                        at -> (System.currentTimeMillis() - at.get()) / 1000.0).tag("group", group).baseUnit("seconds")
                .description("Time since the group's lag was last measured").register(meters);
        return lag;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::measure, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
