package dev.helpdesk.sla.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.sla.config.SlaProperties;
import dev.helpdesk.events.sla.SlaEventTypes;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads this service's own topic on every instance (a consumer group per instance, from the end, nothing committed)
 * and evicts the settings that changed, whichever instance changed them. Touches no database.
 */
@Component
public class SettingsEvictionListener {

    private static final Logger log = LoggerFactory.getLogger(SettingsEvictionListener.class);

    private final ObjectMapper json;
    private final SettingsCache cache;
    private final String groupId;

    public SettingsEvictionListener(ObjectMapper json, SettingsCache cache, SlaProperties properties) {
        this.json = json;
        this.cache = cache;
        this.groupId = properties.settings().evictionGroupPrefix() + UUID.randomUUID();
    }

    public String getGroupId() {
        return groupId;
    }

    /**
     * The broker answers a fetch when it has a megabyte or after a second: at most one fetch a second, whatever the
     * rate of clock events (each of which used to be a fetch of its own), for an eviction at most a second later.
     */
    @KafkaListener(topics = "${helpdesk.topics.sla}", groupId = "#{__listener.groupId}",
            containerFactory = "settingsEvictionListenerFactory",
            properties = {"auto.offset.reset=latest", "fetch.min.bytes=1048576", "fetch.max.wait.ms=1000"})
    public void on(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null || !mayEvict(record.value())) {
                continue;
            }
            try {
                evict(ReceivedEvents.read(json, record.value()));
            } catch (UnreadableEventException e) {
                log.debug("Ignoring unreadable record {}-{}@{}", record.topic(), record.partition(), record.offset());
            }
        }
    }

    /**
     * Whether the record may be of a type that evicts something: most of the topic is clock events, read without
     * parsing them (a record that names such a type elsewhere is parsed and then ignored by its type).
     */
    private static boolean mayEvict(String value) {
        for (String type : EVICTING) {
            if (value.contains(type)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> EVICTING = List.of(SlaEventTypes.POLICY_CHANGED, SlaEventTypes.CALENDAR_CHANGED,
            SlaEventTypes.ORGANIZATION_POLICY_ASSIGNED, SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED);

    private void evict(ReceivedEvent event) {
        switch (event.type()) {
            case SlaEventTypes.POLICY_CHANGED -> cache.evictPolicy(event.data().path("policyId").asText());
            case SlaEventTypes.CALENDAR_CHANGED -> cache.evictCalendar(event.data().path("calendarId").asText());
            // an organisation's terms changed on the instance that applied the change (calendar, zone)
            case SlaEventTypes.ORGANIZATION_POLICY_ASSIGNED, SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED ->
                    cache.evictOrganization(event.data().path("organizationId").asText());
            default -> {
                return;
            }
        }
        log.info("Evicted settings after {} {}", event.type(), event.subject());
    }
}
